package dev.gatehouse.server.tokens;

import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import java.net.URI;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.postgres.JdbiSigningKeyRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class KeyRotationScheduleTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void whenDatabaseFailsThenScheduleRetriesOnNextTickAndCreatesKeys() throws Exception {
    KeyRingTest.FailingRepository repository =
        new KeyRingTest.FailingRepository(new JdbiSigningKeyRepository(db.jdbi()));
    repository.down.set(true);
    MutableClock clock = new MutableClock(Instant.parse("2026-07-01T00:00:00Z"));
    KeyEncryptionKey kek = KeyEncryptionKey.fromBase64Url(KeyEncryptionKey.generateBase64Url());
    KeyRotation rotation = new KeyRotation(repository, kek, KeyRotationPolicy.DEFAULT, clock, () -> {}, new EventLog(new JdbiOutbox(db.jdbi()), URI.create("https://issuer.example")));

    try (KeyRotationSchedule schedule = new KeyRotationSchedule(rotation, Duration.ofMillis(20))) {
      schedule.start();
      Thread.sleep(100); // a few failing ticks
      assertThat(new JdbiSigningKeyRepository(db.jdbi()).listUnexpired(clock.instant())).isEmpty();

      repository.down.set(false);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (new JdbiSigningKeyRepository(db.jdbi()).listUnexpired(clock.instant()).size() < 2
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(new JdbiSigningKeyRepository(db.jdbi()).listUnexpired(clock.instant())).hasSize(2);
  }
}
