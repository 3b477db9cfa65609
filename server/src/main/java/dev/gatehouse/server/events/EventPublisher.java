package dev.gatehouse.server.events;

import dev.gatehouse.server.store.OutboxEvent;
import java.util.List;

/**
 * Where the {@link OutboxRelay} sends events: a message broker (Kafka, wired in {@code app}).
 * Called by one thread at a time.
 */
public interface EventPublisher extends AutoCloseable {
  /**
   * Publishes {@code events} in the order given, keyed by aggregate id, and returns only when
   * the broker has durably acknowledged every one of them. Throws {@link PublishException} when
   * that cannot be confirmed within the publisher's bounded timeout; some of the events may have
   * been delivered anyway (the relay then sends them again: at least once).
   */
  void publish(List<OutboxEvent> events);

  @Override
  void close();

  /** The broker did not acknowledge a batch in time, or refused it. */
  final class PublishException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
