package dev.gatehouse.server.app;

import dev.gatehouse.server.store.ExpiredRows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired codes, refresh tokens, sessions, pending authorizations and jti records on
 * every node's schedule ({@code GATEHOUSE_CLEANUP_INTERVAL}); one node at a time does the work.
 * Rows are kept for {@link #GRACE} after they expire, so a late replay of a code or a rotated
 * refresh token is still recognised as one (and revokes its grant) for a day. Each run deletes
 * in batches until a batch comes back short, at most {@link #MAX_BATCHES} per kind, so a large
 * backlog is worked off over several runs without long transactions.
 */
final class ExpiredRowsCleanup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExpiredRowsCleanup.class);
  static final Duration GRACE = Duration.ofDays(1);
  static final int BATCH = 1_000;
  static final int MAX_BATCHES = 50;

  private final ExpiredRows rows;
  private final Clock clock;
  private final Duration interval;
  private final MeterRegistry metrics;
  private @Nullable ScheduledExecutorService executor;

  ExpiredRowsCleanup(ExpiredRows rows, Clock clock, Duration interval, MeterRegistry metrics) {
    this.rows = rows;
    this.clock = clock;
    this.interval = interval;
    this.metrics = metrics;
  }

  synchronized void start() {
    if (interval.isZero() || executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("gatehouse-cleanup").daemon(true).factory());
    executor.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runSafely() {
    try {
      run();
    } catch (RuntimeException e) {
      log.warn("expired-rows cleanup failed, retrying in {}: {}", interval, e.toString());
    }
  }

  /** One run: every kind, batch after batch, until a short batch. Returns rows deleted per kind. */
  Map<String, Integer> run() {
    Map<String, Integer> total = new java.util.LinkedHashMap<>();
    for (int i = 0; i < MAX_BATCHES; i++) {
      Map<String, Integer> batch = rows.deleteBatch(clock.instant().minus(GRACE), BATCH);
      boolean more = false;
      for (Map.Entry<String, Integer> e : batch.entrySet()) {
        total.merge(e.getKey(), e.getValue(), Integer::sum);
        Counter.builder("gatehouse.cleanup.deleted.rows").description("expired rows deleted")
            .tag("table", e.getKey()).register(metrics).increment(e.getValue());
        more |= e.getValue() == BATCH;
      }
      if (!more) {
        break;
      }
    }
    if (total.values().stream().anyMatch(n -> n > 0)) {
      log.info("deleted expired rows: {}", total);
    }
    return total;
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
