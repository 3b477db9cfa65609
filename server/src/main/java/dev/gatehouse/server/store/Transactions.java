package dev.gatehouse.server.store;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction. Every repository call made by {@code work} on the
 * calling thread joins that transaction, so a state change and its outbox event commit or roll
 * back together (DESIGN.md §4.10). Nested calls join the outer transaction. If {@code work}
 * throws, the transaction rolls back and the exception propagates unchanged.
 *
 * <p>A failed SQL statement aborts the whole PostgreSQL transaction: after a repository throws
 * inside {@code work} (for example {@link DuplicateKeyException}), let the exception escape rather
 * than carrying on with more calls.
 */
public interface Transactions {
  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(() -> {
      work.run();
      return null;
    });
  }
}
