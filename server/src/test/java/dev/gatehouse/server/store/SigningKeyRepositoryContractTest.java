package dev.gatehouse.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.store.postgres.JdbiSigningKeyRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SigningKeyRepositoryContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");

  private final SigningKeyRepository repository = new JdbiSigningKeyRepository(db.jdbi());

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.jdbi().useHandle(h -> h.execute("DELETE FROM signing_keys"));
  }

  private static SigningKeyRecord key(String kid, Instant activatesAt) {
    return new SigningKeyRecord(kid, "ES256", T0, activatesAt, null, null,
        "{\"kty\":\"EC\",\"kid\":\"" + kid + "\"}", new byte[] {1, 2, 3, (byte) 0xff});
  }

  @Test
  void whenKeyInsertedThenListedExactlyAsStored() {
    SigningKeyRecord key = key("k1", T0);
    repository.insert(key);

    assertThat(repository.listUnexpired(T0)).containsExactly(key);
  }

  @Test
  void whenListedThenOrderedByActivation() {
    repository.insert(key("later", T0.plusSeconds(60)));
    repository.insert(key("first", T0));

    assertThat(repository.listUnexpired(T0)).extracting(SigningKeyRecord::kid)
        .containsExactly("first", "later");
  }

  @Test
  void whenRetiredThenTimesStoredAndKeyListedUntilExpiry() {
    repository.insert(key("k1", T0));
    Instant retires = T0.plus(Duration.ofDays(1));
    Instant expires = retires.plus(Duration.ofHours(1));

    assertThat(repository.retire("k1", retires, expires)).isTrue();
    assertThat(repository.retire("missing", retires, expires)).isFalse();

    assertThat(repository.listUnexpired(expires.minusNanos(1000)))
        .singleElement()
        .satisfies(k -> {
          assertThat(k.retiresAt()).isEqualTo(retires);
          assertThat(k.expiresAt()).isEqualTo(expires);
        });
    assertThat(repository.listUnexpired(expires)).isEmpty();
  }

  @Test
  void whenExpiredKeysDeletedThenOnlyThoseGo() {
    repository.insert(key("old", T0));
    repository.insert(key("current", T0.plusSeconds(10)));
    repository.retire("old", T0.plusSeconds(10), T0.plusSeconds(20));

    assertThat(repository.deleteExpired(T0.plusSeconds(19))).isZero();
    assertThat(repository.deleteExpired(T0.plusSeconds(20))).isEqualTo(1);
    assertThat(repository.listUnexpired(T0)).extracting(SigningKeyRecord::kid).containsExactly("current");
  }

  @Test
  void whenDuplicateKidInsertedThenRejected() {
    repository.insert(key("k1", T0));
    assertThatThrownBy(() -> repository.insert(key("k1", T0))).isInstanceOf(RuntimeException.class);
  }

  @Test
  void whenWorkRunsUnderRotationLockThenItCommits() {
    Optional<String> result = repository.tryWithRotationLock(tx -> {
      tx.insert(key("k1", T0));
      return "done";
    });

    assertThat(result).contains("done");
    assertThat(repository.listUnexpired(T0)).hasSize(1);
  }

  @Test
  void whenWorkUnderRotationLockFailsThenNothingIsStored() {
    assertThatThrownBy(() -> repository.tryWithRotationLock(tx -> {
      tx.insert(key("k1", T0));
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(repository.listUnexpired(T0)).isEmpty();
  }

  @Test
  void whenAnotherTransactionHoldsRotationLockThenWorkIsSkipped() throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<Boolean>> holder = executor.submit(() -> repository.tryWithRotationLock(tx -> {
        locked.countDown();
        try {
          return release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }));
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

      Optional<String> second = repository.tryWithRotationLock(tx -> "ran");

      release.countDown();
      assertThat(second).isEmpty();
      assertThat(holder.get(10, TimeUnit.SECONDS)).contains(true);
      assertThat(repository.tryWithRotationLock(tx -> "ran")).contains("ran");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void whenDatabaseUnreachableThenStoreUnavailable() {
    PostgresDatabase closed = TestPostgres.open(TestPostgres.createDatabase(), 1);
    closed.close();
    SigningKeyRepository unreachable = new JdbiSigningKeyRepository(closed.jdbi());

    assertThatThrownBy(() -> unreachable.listUnexpired(T0))
        .isInstanceOf(StoreUnavailableException.class);
  }
}
