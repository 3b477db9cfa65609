package dev.gatehouse.server.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gatehouse.server.store.Outbox;
import dev.gatehouse.server.store.OutboxEvent;
import java.util.UUID;

/**
 * Records {@link AuthEvent}s in the outbox. Call it inside the transaction that makes the
 * change ({@code Transactions.inTransaction}), so the event exists exactly when the change does
 * (DESIGN.md §4.10).
 */
public final class EventLog {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private final Outbox outbox;

  public EventLog(Outbox outbox) {
    this.outbox = outbox;
  }

  public void record(AuthEvent event) {
    UUID id = UUID.randomUUID();
    outbox.append(OutboxEvent.of(id, event.type(), event.aggregateId(), payload(id, event),
        event.occurredAt()));
  }

  /** The JSON document consumers read: {@code id}, {@code type}, then the event's fields in snake_case. */
  static String payload(UUID id, AuthEvent event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id.toString());
    node.put("type", event.type());
    ObjectNode fields = JSON.valueToTree(event);
    fields.remove("aggregate_id");
    node.setAll(fields);
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + event.type() + " is not serialisable", e);
    }
  }
}
