package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event waiting in the transactional outbox (DESIGN.md §4.10). {@code payload} is a JSON
 * document; it is stored as {@code jsonb}, so what comes back is equal as JSON but not
 * necessarily byte for byte (whitespace and key order are normalised). {@code publishedAt} is
 * {@code null} until published.
 */
public record OutboxEvent(
    UUID id, String eventType, String aggregateId, String payload, Instant occurredAt, Instant publishedAt) {

  public OutboxEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(aggregateId, "aggregateId");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  public static OutboxEvent of(UUID id, String eventType, String aggregateId, String payload, Instant occurredAt) {
    return new OutboxEvent(id, eventType, aggregateId, payload, occurredAt, null);
  }
}
