package dev.gatehouse.server.events;

import dev.gatehouse.server.store.Outbox;
import dev.gatehouse.server.store.OutboxQuery;
import java.util.List;
import java.util.Objects;

/**
 * The audit log: the events still held in the outbox, searched newest first. With Kafka
 * configured, published events are pruned after the outbox retention, so the audit window is
 * that retention; without Kafka nothing is pruned.
 */
public final class AuditLog {
  public static final int MAX_LIMIT = 500;
  private final Outbox outbox;

  public AuditLog(Outbox outbox) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  /**
   * One page: the CloudEvents JSON of up to {@code query.limit()} events, and the position to
   * continue below, {@code null} when this was the last page.
   */
  public Page search(OutboxQuery query) {
    if (query.limit() > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be at most " + MAX_LIMIT);
    }
    // One extra row tells whether another page exists without a second query.
    List<OutboxQuery.Found> found = outbox.search(new OutboxQuery(query.aggregateId(), query.clientId(),
        query.eventTypes(), query.from(), query.to(), query.beforePosition(), query.limit() + 1));
    boolean more = found.size() > query.limit();
    List<OutboxQuery.Found> page = more ? found.subList(0, query.limit()) : found;
    Long next = more ? page.get(page.size() - 1).position() : null;
    return new Page(page.stream().map(f -> f.event().payload()).toList(), next);
  }

  /** @param nextBeforePosition {@code null} on the last page */
  public record Page(List<String> events, Long nextBeforePosition) {
    public Page {
      events = List.copyOf(events);
    }
  }
}
