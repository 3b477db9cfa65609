package dev.gatehouse.server.tokens;

import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import java.net.URI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.SigningKeyRecord;
import dev.gatehouse.server.store.postgres.JdbiSigningKeyRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several nodes on one database: exactly one of them rotates. */
class KeyRotationConcurrencyTest {
  private static final URI ISSUER = URI.create("https://issuer.example");

  @Test
  void whenTwoNodesRotateAtOnceThenExactlyOneSuccessorPerAlgorithm() throws Exception {
    String database = TestPostgres.createDatabase();
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    KeyEncryptionKey kek = KeyEncryptionKey.fromBase64Url(KeyEncryptionKey.generateBase64Url());
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (PostgresDatabase nodeA = TestPostgres.open(database, 2);
        PostgresDatabase nodeB = TestPostgres.open(database, 2)) {
      KeyRotation a = new KeyRotation(new JdbiSigningKeyRepository(nodeA.jdbi()), kek,
          KeyRotationPolicy.DEFAULT, clock, () -> {}, new EventLog(new JdbiOutbox(nodeA.jdbi()), ISSUER));
      KeyRotation b = new KeyRotation(new JdbiSigningKeyRepository(nodeB.jdbi()), kek,
          KeyRotationPolicy.DEFAULT, clock, () -> {}, new EventLog(new JdbiOutbox(nodeB.jdbi()), ISSUER));
      a.ensureKeys();
      b.ensureKeys();
      clock.advance(KeyRotationPolicy.DEFAULT.rotationPeriod());

      for (int round = 0; round < 5; round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<List<ScheduledSigningKey>>> results = new ArrayList<>();
        for (KeyRotation node : List.of(a, b)) {
          results.add(executor.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return node.rotateIfDue();
          }));
        }
        int created = 0;
        for (Future<List<ScheduledSigningKey>> r : results) {
          created += r.get(30, TimeUnit.SECONDS).size();
        }
        assertThat(created).as("round %d", round).isEqualTo(round == 0 ? 2 : 0);
      }

      List<SigningKeyRecord> keys = new JdbiSigningKeyRepository(nodeA.jdbi()).listUnexpired(clock.instant());
      assertThat(keys).hasSize(4);
      assertThat(keys.stream().filter(k -> k.retiresAt() == null)).hasSize(2);
    } finally {
      executor.shutdownNow();
    }
  }
}
