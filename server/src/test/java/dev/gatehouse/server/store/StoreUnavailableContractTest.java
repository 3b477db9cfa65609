package dev.gatehouse.server.store;

import static dev.gatehouse.server.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.store.postgres.JdbiAuthorizationGrantRepository;
import dev.gatehouse.server.store.postgres.JdbiBrowserSessionRepository;
import dev.gatehouse.server.store.postgres.JdbiConsentRepository;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import dev.gatehouse.server.store.postgres.JdbiRefreshTokenRepository;
import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.JdbiTransactions;
import dev.gatehouse.server.store.postgres.JdbiUserCredentialRepository;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Connection failures surface as one exception the HTTP layer maps to 503 + Retry-After. */
class StoreUnavailableContractTest {
  /** Nothing listens on port 1 of the loopback address. */
  private static final PostgresDatabase down =
      PostgresDatabase.open("jdbc:postgresql://127.0.0.1:1/x", "x", "x", 2);

  static {
    down.pool().setConnectionTimeout(250); // Hikari's minimum; keeps the suite fast.
  }

  @AfterAll
  static void close() {
    down.close();
  }

  @Test
  void everyRepositoryThrowsStoreUnavailableWhenNothingListens() throws Exception {
    Jdbi jdbi = down.jdbi();
    Clock clock = Clock.systemUTC();
    Map<String, ThrowingCallable> calls = Map.of(
        "clients", () -> new JdbiRegisteredClientRepository(jdbi, clock).findById("c"),
        "users", () -> new JdbiUserRepository(jdbi).create(Fixtures.user("u")),
        "credentials", () -> new JdbiUserCredentialRepository(jdbi, clock).findPasswordHash(UUID.randomUUID()),
        "grants", () -> new JdbiAuthorizationGrantRepository(jdbi).consumeCode("h", T0),
        "refresh tokens", () -> new JdbiRefreshTokenRepository(jdbi).rotate("a", "b", T0, T0, Duration.ZERO),
        "consents", () -> new JdbiConsentRepository(jdbi, clock).grant(UUID.randomUUID(), "c", Set.of()),
        "sessions", () -> new JdbiBrowserSessionRepository(jdbi, clock).endAllForUser(UUID.randomUUID()),
        "outbox", () -> new JdbiOutbox(jdbi).fetchUnpublished(1),
        "transactions", () -> new JdbiTransactions(jdbi).inTransaction(() -> 1));
    // In parallel: each call waits out the pool's connection timeout.
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<?>> checks = new ArrayList<>();
      calls.forEach((name, call) -> checks.add(pool.submit(() -> assertThatThrownBy(call)
          .as(name)
          .isInstanceOf(StoreUnavailableException.class)
          .hasRootCauseInstanceOf(ConnectException.class))));
      for (Future<?> check : checks) {
        check.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void whenTheServerDropsTheConnectionMidTransactionThenStoreUnavailable() {
    // SQLState 57P01 (admin_shutdown), as seen when PostgreSQL restarts or fails over.
    try (PostgresDatabase up = TestPostgres.freshDatabase()) {
      Transactions transactions = new JdbiTransactions(up.jdbi());
      assertThatThrownBy(() -> transactions.inTransaction(() -> up.jdbi().withHandle(h ->
              h.createQuery("SELECT pg_terminate_backend(pg_backend_pid())").mapTo(Boolean.class).one())))
          .isInstanceOf(StoreUnavailableException.class);
      // The pool drops the dead connection and carries on.
      int one = transactions.inTransaction(() -> up.jdbi().withHandle(h ->
          h.createQuery("SELECT 1").mapTo(Integer.class).one()));
      assertThat(one).isEqualTo(1);
    }
  }
}
