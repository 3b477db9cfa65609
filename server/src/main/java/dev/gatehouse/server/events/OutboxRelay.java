package dev.gatehouse.server.events;

import dev.gatehouse.server.store.Outbox;
import dev.gatehouse.server.store.OutboxEvent;
import dev.gatehouse.server.store.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the transactional outbox to an {@link EventPublisher} (issue 5), on one daemon thread
 * per node. Each batch is one database transaction: claim unpublished events ({@code FOR UPDATE
 * SKIP LOCKED}, so relays on several nodes share the work), publish them and wait for the
 * broker's acknowledgements, mark them published, commit. A crash anywhere before the commit
 * rolls the claim back and the events are sent again: delivery is at least once, and consumers
 * de-duplicate on the event id. The publisher's bounded timeout bounds how long a dead broker
 * can keep the rows locked; after a failure the relay backs off exponentially.
 *
 * <p>It also deletes published events older than the retention period.
 */
public final class OutboxRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int PRUNE_CHUNK = 1000;

  /**
   * @param batchSize events per transaction
   * @param idleWait pause when the outbox is drained (the latency of a quiet outbox)
   * @param minBackoff first pause after a failure, doubled per failure up to {@code maxBackoff}
   * @param retention published events older than this are deleted
   * @param pruneInterval how often to delete them
   */
  public record Settings(int batchSize, Duration idleWait, Duration minBackoff, Duration maxBackoff,
      Duration retention, Duration pruneInterval) {
    public Settings {
      if (batchSize <= 0) {
        throw new IllegalArgumentException("batchSize must be positive");
      }
      Objects.requireNonNull(idleWait, "idleWait");
      Objects.requireNonNull(minBackoff, "minBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      Objects.requireNonNull(retention, "retention");
      Objects.requireNonNull(pruneInterval, "pruneInterval");
    }

    public static Settings defaults(Duration retention) {
      return new Settings(500, Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(30),
          retention, Duration.ofMinutes(1));
    }
  }

  private final Outbox outbox;
  private final Transactions transactions;
  private final EventPublisher publisher;
  private final Clock clock;
  private final Settings settings;
  private final Counter published;
  private final Counter failures;
  private final Counter pruned;
  /** Released by {@link #close()} to cut a pause short. */
  private final Semaphore wakeUp = new Semaphore(0);
  private volatile boolean running;
  private Thread thread;

  public OutboxRelay(Outbox outbox, Transactions transactions, EventPublisher publisher, Clock clock,
      MeterRegistry metrics, Settings settings) {
    this.outbox = outbox;
    this.transactions = transactions;
    this.publisher = publisher;
    this.clock = clock;
    this.settings = settings;
    this.published = Counter.builder("gatehouse.outbox.published")
        .description("Events published to the broker and marked published").register(metrics);
    this.failures = Counter.builder("gatehouse.outbox.publish.failures")
        .description("Relay batches that failed (broker or database unavailable) and were retried")
        .register(metrics);
    this.pruned = Counter.builder("gatehouse.outbox.pruned")
        .description("Published events deleted after the retention period").register(metrics);
  }

  /** Starts the relay thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    running = true;
    thread = Thread.ofPlatform().daemon().name("gatehouse-outbox-relay").start(this::run);
  }

  /**
   * Relays one batch in one transaction; returns how many events it published. Throws when the
   * publisher or the database fails, after rolling the claim back.
   */
  public int relayOnce() {
    return transactions.inTransaction(() -> {
      List<OutboxEvent> batch = outbox.fetchUnpublished(settings.batchSize());
      if (batch.isEmpty()) {
        return 0;
      }
      publisher.publish(batch);
      outbox.markPublished(batch.stream().map(OutboxEvent::id).toList(), clock.instant());
      return batch.size();
    });
  }

  /** Deletes published events past the retention period, in chunks; returns how many. */
  public int prune() {
    Instant cutoff = clock.instant().minus(settings.retention());
    int total = 0;
    int deleted;
    do {
      deleted = outbox.deletePublishedBefore(cutoff, PRUNE_CHUNK);
      total += deleted;
    } while (deleted == PRUNE_CHUNK && running);
    pruned.increment(total);
    return total;
  }

  private void run() {
    Duration backoff = settings.minBackoff();
    boolean failing = false;
    Instant nextPrune = clock.instant();
    while (running) {
      try {
        int count = relayOnce();
        published.increment(count);
        if (failing) {
          log.info("outbox relay recovered");
          failing = false;
        }
        backoff = settings.minBackoff();
        if (!clock.instant().isBefore(nextPrune)) {
          nextPrune = clock.instant().plus(settings.pruneInterval());
          int deleted = prune();
          if (deleted > 0) {
            log.debug("deleted {} published outbox events older than {}", deleted, settings.retention());
          }
        }
        if (count < settings.batchSize()) {
          pause(settings.idleWait());
        }
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        failures.increment();
        if (failing) {
          log.debug("outbox relay still failing, retrying in {}", backoff, e);
        } else {
          // Once per outage at WARN; the backlog gauges show how long it lasts.
          log.warn("outbox relay failed, events wait in the outbox; retrying in {}: {}", backoff,
              e.toString());
          failing = true;
        }
        pause(backoff);
        backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0
            ? settings.maxBackoff() : backoff.multipliedBy(2);
      }
    }
  }

  private void pause(Duration duration) {
    try {
      if (wakeUp.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS)) {
        wakeUp.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Stops the relay: the batch in flight finishes (or fails and rolls back) within the
   * publisher's timeout, then the publisher is closed. Call before closing the database.
   */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    wakeUp.release();
    try {
      if (t != null) {
        t.join(Duration.ofSeconds(30));
        if (t.isAlive()) {
          t.interrupt();
          t.join(Duration.ofSeconds(5));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      publisher.close();
    }
  }
}
