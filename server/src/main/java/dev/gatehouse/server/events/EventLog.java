package dev.gatehouse.server.events;

import dev.gatehouse.server.store.Outbox;
import dev.gatehouse.server.store.OutboxEvent;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Records {@link AuthEvent}s in the outbox as CloudEvents ({@link CloudEvent}). Call it inside
 * the transaction that makes the change ({@code Transactions.inTransaction}), so the event
 * exists exactly when the change does (DESIGN.md §4.10).
 */
public final class EventLog {
  private final Outbox outbox;
  private final URI source;

  /** @param source the CloudEvents {@code source}: this installation's issuer identifier */
  public EventLog(Outbox outbox, URI source) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.source = Objects.requireNonNull(source, "source");
  }

  public void record(AuthEvent event) {
    UUID id = UUID.randomUUID();
    outbox.append(OutboxEvent.of(id, event.type(), event.aggregateId(),
        CloudEvent.toJson(id, source, event), event.occurredAt().truncatedTo(ChronoUnit.MICROS)));
  }
}
