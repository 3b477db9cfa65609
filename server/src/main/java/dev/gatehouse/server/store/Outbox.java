package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The transactional outbox (DESIGN.md §4.10). */
public interface Outbox {
  /**
   * Appends an event. Called inside {@link Transactions#inTransaction}, it commits or rolls back
   * with the state change it describes.
   */
  void append(OutboxEvent event);

  /**
   * Up to {@code limit} unpublished events in append order, locked with {@code FOR UPDATE SKIP
   * LOCKED}: publishers on several nodes each get different events. The locks last until the
   * surrounding transaction ends, so a publisher calls this, publishes and calls
   * {@link #markPublished} inside one {@link Transactions#inTransaction}; outside a transaction
   * the rows are unlocked at once. Order is best effort across concurrently committing writers.
   *
   * <p>Per aggregate the order is strict: an event is returned only if no earlier unpublished
   * event of the same aggregate is left out of the batch (locked by another publisher, or beyond
   * the limit). So two publishers never hold events of one aggregate at the same time, and one
   * cannot overtake the other on that aggregate's events.
   */
  List<OutboxEvent> fetchUnpublished(int limit);

  /** Marks the events published; returns how many were still unpublished. */
  int markPublished(Collection<UUID> ids, Instant now);

  /** How many events wait to be published, and when the oldest of them happened. */
  Backlog backlog();

  /**
   * Deletes up to {@code limit} events published before {@code cutoff} (retention); returns how
   * many. Unpublished events are never deleted.
   */
  int deletePublishedBefore(Instant cutoff, int limit);

  /**
   * The audit log's view of the outbox: events matching {@code query}, newest first. Only what is
   * still in the table is found; published rows pruned by {@link #deletePublishedBefore} are gone.
   */
  List<OutboxQuery.Found> search(OutboxQuery query);

  /** @param oldestOccurredAt {@code null} when nothing waits */
  record Backlog(long events, Instant oldestOccurredAt) {}
}
