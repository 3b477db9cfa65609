package dev.gatehouse.server.events;

import dev.gatehouse.server.store.Outbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox backlog as gauges: how many events wait and how old the oldest is. Scrapes read a
 * snapshot at most {@code cacheFor} old, so a scrape storm costs at most one cheap query per
 * interval. When the database cannot be asked, the gauges report NaN.
 */
public final class OutboxMetrics {
  private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

  private final Outbox outbox;
  private final Clock clock;
  private final Duration cacheFor;
  private Outbox.Backlog snapshot;
  private Instant takenAt;

  private OutboxMetrics(Outbox outbox, Clock clock, Duration cacheFor) {
    this.outbox = outbox;
    this.clock = clock;
    this.cacheFor = cacheFor;
  }

  public static OutboxMetrics register(Outbox outbox, Clock clock, Duration cacheFor, MeterRegistry metrics) {
    OutboxMetrics m = new OutboxMetrics(outbox, clock, cacheFor);
    Gauge.builder("gatehouse.outbox.backlog", m, OutboxMetrics::backlogEvents)
        .description("Events in the outbox not yet published")
        .baseUnit("events")
        // Micrometer holds gauge objects weakly; nothing else refers to this one.
        .strongReference(true)
        .register(metrics);
    Gauge.builder("gatehouse.outbox.oldest.age", m, OutboxMetrics::oldestAgeSeconds)
        .description("Age of the oldest unpublished event (0 when none waits)")
        .baseUnit("seconds")
        .strongReference(true)
        .register(metrics);
    return m;
  }

  double backlogEvents() {
    Outbox.Backlog b = current();
    return b == null ? Double.NaN : b.events();
  }

  double oldestAgeSeconds() {
    Outbox.Backlog b = current();
    if (b == null) {
      return Double.NaN;
    }
    if (b.oldestOccurredAt() == null) {
      return 0;
    }
    return Math.max(0, Duration.between(b.oldestOccurredAt(), clock.instant()).toMillis() / 1000.0);
  }

  private synchronized Outbox.Backlog current() {
    Instant now = clock.instant();
    if (takenAt == null || !now.isBefore(takenAt.plus(cacheFor))) {
      takenAt = now;
      try {
        snapshot = outbox.backlog();
      } catch (RuntimeException e) {
        log.warn("could not read the outbox backlog: {}", e.toString());
        snapshot = null;
      }
    }
    return snapshot;
  }
}
