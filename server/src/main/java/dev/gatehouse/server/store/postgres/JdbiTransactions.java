package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.Transactions;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link Transactions} on JDBI. {@code Jdbi#inTransaction} binds its handle to the calling
 * thread; the repositories' {@code Jdbi#withHandle} calls on that thread reuse it (JDBI 3's
 * thread-local {@code HandleScope}), and {@code Handle#inTransaction} joins the open transaction
 * instead of starting one. Work handed to another thread does not join.
 */
public final class JdbiTransactions implements Transactions {
  private final GuardedJdbi db;

  public JdbiTransactions(Jdbi jdbi) {
    this.db = new GuardedJdbi(jdbi);
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return db.inTransaction(handle -> work.get());
  }
}
