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
   */
  List<OutboxEvent> fetchUnpublished(int limit);

  /** Marks the events published; returns how many were still unpublished. */
  int markPublished(Collection<UUID> ids, Instant now);
}
