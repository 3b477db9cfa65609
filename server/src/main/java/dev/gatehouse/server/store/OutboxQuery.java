package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Set;

/**
 * A search of the outbox for the audit log: every non-null / non-empty filter must match; results
 * come newest first (by {@code position}), starting below {@code beforePosition} when it is set
 * (keyset pagination).
 *
 * @param aggregateId the event's aggregate id (the CloudEvents {@code subject}), or {@code null}
 * @param clientId matches {@code data.client_id} of the payload, or {@code null}
 * @param eventTypes any of these catalogue names; empty means every type
 * @param from inclusive lower bound on {@code occurred_at}, or {@code null}
 * @param to exclusive upper bound on {@code occurred_at}, or {@code null}
 * @param beforePosition only events with a smaller position, or {@code null} for the newest
 * @param limit at most this many, positive
 */
public record OutboxQuery(
    String aggregateId, String clientId, Set<String> eventTypes, Instant from, Instant to,
    Long beforePosition, int limit) {

  public OutboxQuery {
    eventTypes = Set.copyOf(eventTypes);
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  /** An event found by {@link Outbox#search}, with its position for the next page. */
  public record Found(long position, OutboxEvent event) {}
}
