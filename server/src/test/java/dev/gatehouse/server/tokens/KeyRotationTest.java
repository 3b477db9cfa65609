package dev.gatehouse.server.tokens;

import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import java.net.URI;
import static dev.gatehouse.server.tokens.SigningAlgorithm.ES256;
import static dev.gatehouse.server.tokens.SigningAlgorithm.RS256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import dev.gatehouse.server.store.SigningKeyRecord;
import dev.gatehouse.server.store.SigningKeyRepository;
import dev.gatehouse.server.store.postgres.JdbiSigningKeyRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyRotationTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration PERIOD = Duration.ofDays(30);
  private static final Duration AHEAD = Duration.ofDays(1);
  private static final Duration MAX_TOKEN = Duration.ofHours(12);
  private static final KeyRotationPolicy ES256_ONLY =
      new KeyRotationPolicy(EnumSet.of(ES256), PERIOD, AHEAD, MAX_TOKEN);

  private final MutableClock clock = new MutableClock(START);
  private final SigningKeyRepository repository = new JdbiSigningKeyRepository(db.jdbi());
  private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64Url(KeyEncryptionKey.generateBase64Url());
  private final KeyRing ring = new KeyRing(repository, kek, clock, Duration.ofMinutes(1));

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.jdbi().useHandle(h -> h.execute("DELETE FROM signing_keys"));
  }

  private KeyRotation rotation(KeyRotationPolicy policy) {
    return new KeyRotation(repository, kek, policy, clock, ring::refresh, new EventLog(new JdbiOutbox(db.jdbi()), URI.create("https://issuer.example")));
  }

  private List<String> publishedKids() {
    return ring.publishedJwks().getKeys().stream().map(JWK::getKeyID).toList();
  }

  @Test
  void whenFirstStartThenOneImmediatelyActiveKeyPerDefaultAlgorithm() {
    List<ScheduledSigningKey> created = rotation(KeyRotationPolicy.DEFAULT).ensureKeys();

    assertThat(created).extracting(ScheduledSigningKey::algorithm).containsExactly(ES256, RS256);
    assertThat(created).extracting(ScheduledSigningKey::activatesAt).containsOnly(START);
    assertThat(ring.signingKey(ES256).kid()).isEqualTo(created.get(0).kid());
    assertThat(ring.signingKey(RS256).kid()).isEqualTo(created.get(1).kid());
    assertThatThrownBy(() -> ring.signingKey(SigningAlgorithm.EDDSA))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no active EdDSA signing key");
  }

  @Test
  void whenEnsureKeysRunsAgainThenNothingNew() {
    KeyRotation rotation = rotation(KeyRotationPolicy.DEFAULT);
    rotation.ensureKeys();

    assertThat(rotation.ensureKeys()).isEmpty();
    assertThat(repository.listUnexpired(START)).hasSize(2);
  }

  @Test
  void whenAlgorithmAddedLaterThenItsFirstKeySignsAtOnce() {
    rotation(ES256_ONLY).ensureKeys();
    clock.advance(Duration.ofDays(3));

    List<ScheduledSigningKey> created =
        rotation(ES256_ONLY.withAlgorithms(EnumSet.of(ES256, SigningAlgorithm.EDDSA))).ensureKeys();

    assertThat(created).singleElement().satisfies(k -> {
      assertThat(k.algorithm()).isEqualTo(SigningAlgorithm.EDDSA);
      assertThat(k.activatesAt()).isEqualTo(clock.instant());
    });
    assertThat(ring.signingKey(SigningAlgorithm.EDDSA).kid()).isEqualTo(created.get(0).kid());
  }

  @Test
  void whenRotationNotYetDueThenNothingChanges() {
    KeyRotation rotation = rotation(ES256_ONLY);
    rotation.ensureKeys();
    clock.advance(PERIOD.minusSeconds(1));

    assertThat(rotation.rotateIfDue()).isEmpty();
    assertThat(repository.listUnexpired(clock.instant())).singleElement()
        .satisfies(k -> assertThat(k.retiresAt()).isNull());
  }

  @Test
  void whenKeyRotatedThenSuccessorPublishedBeforeItSignsAndPredecessorKeptUntilExpiry() {
    KeyRotation rotation = rotation(ES256_ONLY);
    String first = rotation.ensureKeys().get(0).kid();

    // Rotation due: the successor is published at once but does not sign yet.
    clock.advance(PERIOD);
    Instant rotatedAt = clock.instant();
    List<ScheduledSigningKey> rotated = rotation.rotateIfDue();
    assertThat(rotated).singleElement().satisfies(k -> assertThat(k.activatesAt()).isEqualTo(rotatedAt.plus(AHEAD)));
    String second = rotated.get(0).kid();
    assertThat(publishedKids()).containsExactly(first, second);
    assertThat(ring.signingKey(ES256).kid()).isEqualTo(first);
    assertThat(rotation.rotateIfDue()).as("successor already scheduled").isEmpty();

    // Just before activation the old key still signs; at activation the successor takes over.
    clock.set(rotatedAt.plus(AHEAD).minusMillis(1));
    assertThat(ring.signingKey(ES256).kid()).isEqualTo(first);
    clock.set(rotatedAt.plus(AHEAD));
    assertThat(ring.signingKey(ES256).kid()).isEqualTo(second);

    // The retired key stays published while tokens it signed may live ...
    clock.set(rotatedAt.plus(AHEAD).plus(MAX_TOKEN).minusMillis(1));
    assertThat(publishedKids()).containsExactly(first, second);
    SigningKey old = ring.keys().get(0);
    assertThat(old.retiresAt()).contains(rotatedAt.plus(AHEAD));
    assertThat(old.expiresAt()).contains(rotatedAt.plus(AHEAD).plus(MAX_TOKEN));

    // ... and leaves the JWKS, then the database, at expiry.
    clock.set(rotatedAt.plus(AHEAD).plus(MAX_TOKEN));
    assertThat(publishedKids()).containsExactly(second);
    assertThat(rotation.rotateIfDue()).isEmpty();
    assertThat(repository.listUnexpired(START)).extracting(SigningKeyRecord::kid).containsExactly(second);

    // The successor rotates one period after it started signing, not after it was created.
    clock.set(rotatedAt.plus(AHEAD).plus(PERIOD).minusMillis(1));
    assertThat(rotation.rotateIfDue()).isEmpty();
    clock.set(rotatedAt.plus(AHEAD).plus(PERIOD));
    assertThat(rotation.rotateIfDue()).hasSize(1);
  }

  @Test
  void whenRotatedNowThenSuccessorStillPublishedAhead() {
    KeyRotation rotation = rotation(ES256_ONLY);
    String first = rotation.ensureKeys().get(0).kid();
    clock.advance(Duration.ofHours(1));

    ScheduledSigningKey forced = rotation.rotateNow(ES256);

    assertThat(forced.activatesAt()).isEqualTo(clock.instant().plus(AHEAD));
    assertThat(publishedKids()).containsExactly(first, forced.kid());
    assertThat(ring.signingKey(ES256).kid()).isEqualTo(first);
    clock.advance(AHEAD);
    assertThat(ring.signingKey(ES256).kid()).isEqualTo(forced.kid());
    assertThatThrownBy(() -> rotation.rotateNow(RS256)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenRotatedNowTwiceThenTheNewestSuccessorWinsAndNoKeySignsLonger() {
    KeyRotation rotation = rotation(ES256_ONLY);
    String first = rotation.ensureKeys().get(0).kid();
    rotation.rotateNow(ES256);
    String latest = rotation.rotateNow(ES256).kid();

    assertThat(ring.signingKey(ES256).kid()).isEqualTo(first);
    clock.advance(AHEAD);
    assertThat(ring.signingKey(ES256).kid()).isEqualTo(latest);
    assertThat(repository.listUnexpired(clock.instant()).stream().filter(k -> k.retiresAt() == null))
        .extracting(SigningKeyRecord::kid).containsExactly(latest);
  }

  @Test
  void whenKekIsWrongThenRingFailsWithOperatorMessage() {
    rotation(ES256_ONLY).ensureKeys();
    KeyRing wrongKek = new KeyRing(repository,
        KeyEncryptionKey.fromBase64Url(KeyEncryptionKey.generateBase64Url()), clock, Duration.ofMinutes(1));

    assertThatThrownBy(() -> wrongKek.signingKey(ES256))
        .isInstanceOf(KeyDecryptionException.class)
        .hasMessageStartingWith("the key-encryption key does not match");
  }
}
