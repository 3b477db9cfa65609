package dev.gatehouse.server.events;

import dev.gatehouse.server.store.BrowserSession;
import dev.gatehouse.server.store.Transactions;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.UserStatus;
import dev.gatehouse.server.store.postgres.JdbiBrowserSessionRepository;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import dev.gatehouse.server.store.postgres.JdbiTransactions;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the outbox adds to the login path: the session insert alone versus the same transaction
 * with the two events a password login records (session.started, user.login_succeeded). Not part
 * of the build (the name does not end in Test); run it with
 * {@code ./mvnw -q -B -pl server test -Dtest=OutboxCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and read OUTBOX-COST in server/target/surefire-reports/*OutboxCostBenchmark-output.txt.
 */
class OutboxCostBenchmark {
  @Test
  void outboxCostOnTheLoginTransaction() {
    int n = Integer.getInteger("iterations", 3_000);
    try (PostgresDatabase db = TestPostgres.freshDatabase()) {
      Clock clock = Clock.systemUTC();
      Transactions tx = new JdbiTransactions(db.jdbi());
      JdbiBrowserSessionRepository sessions = new JdbiBrowserSessionRepository(db.jdbi(), clock);
      EventLog events = new EventLog(new JdbiOutbox(db.jdbi()), URI.create("http://127.0.0.1:8080"));
      User user = new User(UUID.randomUUID(), "bench", null, false, null, UserStatus.ACTIVE,
          Instant.now().truncatedTo(ChronoUnit.MICROS));
      new JdbiUserRepository(db.jdbi()).create(user);
      for (int round = 0; round < 3; round++) { // the first round warms the JIT and the pool
        long without = time(n, () -> tx.run(() -> sessions.create(session(user))));
        long with = time(n, () -> tx.run(() -> {
          sessions.create(session(user));
          events.record(new AuthEvent.SessionStarted("sid", user.id().toString(), "app", List.of("pwd"),
              "urn:gatehouse:acr:password", Instant.now()));
          events.record(new AuthEvent.UserLoginSucceeded(user.id().toString(), "app", "sid", Instant.now()));
        }));
        System.out.printf("OUTBOX-COST round=%d iterations=%d session-only=%.1f us/tx with-2-events=%.1f us/tx"
            + " added=%.1f us/login%n", round, n, without / 1e3 / n, with / 1e3 / n, (with - without) / 1e3 / n);
      }
    }
  }

  private static BrowserSession session(User user) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return new BrowserSession(UUID.randomUUID().toString(), user.id(), now, now, now.plusSeconds(3600), now,
        List.of("pwd"), "urn:gatehouse:acr:password", null);
  }

  private static long time(int n, Runnable work) {
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      work.run();
    }
    return System.nanoTime() - t0;
  }
}
