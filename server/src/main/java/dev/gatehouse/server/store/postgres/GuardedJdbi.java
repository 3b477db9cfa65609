package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.DuplicateKeyException;
import dev.gatehouse.server.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The one place where database failures become store exceptions; every repository (and
 * {@link JdbiTransactions}) goes through it. Connection failures become
 * {@link StoreUnavailableException}, unique violations {@link DuplicateKeyException} keyed by the
 * constraint name; everything else passes through unchanged.
 *
 * <p>Handles come from {@link Jdbi#withHandle}, which reuses the handle already bound to the
 * calling thread by an enclosing {@link Jdbi#inTransaction}; and {@code Handle#inTransaction}
 * joins an open transaction. That is what lets {@link JdbiTransactions} span several repository
 * calls.
 */
final class GuardedJdbi {
  /** PostgreSQL admin_shutdown, crash_shutdown, cannot_connect_now (class 57P). */
  private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int MAX_CAUSE_DEPTH = 32;

  private final Jdbi jdbi;

  GuardedJdbi(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
    try {
      return jdbi.withHandle(callback);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  void useHandle(HandleConsumer<RuntimeException> consumer) {
    try {
      jdbi.useHandle(consumer);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /** Runs in a transaction, joining the calling thread's open one if there is one. */
  <T> T inTransaction(HandleCallback<T, RuntimeException> callback) {
    try {
      return jdbi.inTransaction(callback);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  static RuntimeException translate(RuntimeException e) {
    if (e instanceof StoreUnavailableException || e instanceof DuplicateKeyException) {
      return e;
    }
    if (isConnectionFailure(e)) {
      return new StoreUnavailableException("database unavailable", e);
    }
    String constraint = uniqueViolation(e);
    if (constraint != null) {
      return new DuplicateKeyException(constraint, e);
    }
    return e;
  }

  static boolean isConnectionFailure(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || SERVER_GOING_AWAY.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String uniqueViolation(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        ServerErrorMessage detail = t instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String constraint = detail == null ? null : detail.getConstraint();
        return constraint == null ? "unknown" : constraint;
      }
    }
    return null;
  }
}
