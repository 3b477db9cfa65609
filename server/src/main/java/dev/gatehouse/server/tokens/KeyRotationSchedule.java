package dev.gatehouse.server.tokens;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link KeyRotation#rotateIfDue} on one daemon thread every {@code interval}, first at
 * {@link #start}. A failed run (database down, lock lost) is logged and retried on the next tick.
 */
public final class KeyRotationSchedule implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KeyRotationSchedule.class);

  private final KeyRotation rotation;
  private final Duration interval;
  private @Nullable ScheduledExecutorService executor;
  private @Nullable ScheduledFuture<?> ticks;

  public KeyRotationSchedule(KeyRotation rotation, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the key-rotation check interval must be positive");
    }
    this.rotation = rotation;
    this.interval = interval;
  }

  public synchronized void start() {
    if (executor != null) {
      throw new IllegalStateException("already started");
    }
    ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("gatehouse-key-rotation").daemon(true).factory());
    ticks = started.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    executor = started;
  }

  /** Stops the schedule, waiting briefly for a run in progress to finish. */
  @Override
  public synchronized void close() {
    ScheduledExecutorService running = executor;
    if (running == null) {
      return;
    }
    executor = null;
    if (ticks != null) {
      ticks.cancel(true);
      ticks = null;
    }
    running.shutdownNow();
    try {
      if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("key rotation still running after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void tick() {
    try {
      rotation.rotateIfDue();
    } catch (RuntimeException e) {
      // Messages here name kids and algorithms only; no key material reaches an exception.
      log.warn("signing-key rotation failed; retrying in {}", interval, e);
    }
  }
}
