package dev.gatehouse.server.events;

import dev.gatehouse.server.store.Outbox;
import dev.gatehouse.server.store.OutboxEvent;
import dev.gatehouse.server.store.OutboxQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** An {@link Outbox} that only remembers what was appended. */
final class RecordingOutbox implements Outbox {
  private final List<OutboxEvent> appended;

  RecordingOutbox(List<OutboxEvent> appended) {
    this.appended = appended;
  }

  @Override
  public void append(OutboxEvent event) {
    appended.add(event);
  }

  @Override
  public List<OutboxEvent> fetchUnpublished(int limit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int markPublished(Collection<UUID> ids, Instant now) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Backlog backlog() {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<OutboxQuery.Found> search(OutboxQuery query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int deletePublishedBefore(Instant cutoff, int limit) {
    throw new UnsupportedOperationException();
  }
}
