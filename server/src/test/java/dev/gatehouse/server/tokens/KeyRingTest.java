package dev.gatehouse.server.tokens;

import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import java.net.URI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.store.SigningKeyRecord;
import dev.gatehouse.server.store.SigningKeyRepository;
import dev.gatehouse.server.store.StoreUnavailableException;
import dev.gatehouse.server.store.postgres.JdbiSigningKeyRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyRingTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final KeyRotationPolicy ALL_ALGORITHMS =
      KeyRotationPolicy.DEFAULT.withAlgorithms(EnumSet.allOf(SigningAlgorithm.class));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
  private final SigningKeyRepository repository = new JdbiSigningKeyRepository(db.jdbi());
  private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64Url(KeyEncryptionKey.generateBase64Url());

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.jdbi().useHandle(h -> h.execute("DELETE FROM signing_keys"));
  }

  private KeyRing ringWithAllAlgorithms() {
    KeyRing ring = new KeyRing(repository, kek, clock, Duration.ofMinutes(1));
    new KeyRotation(repository, kek, ALL_ALGORITHMS, clock, ring::refresh, new EventLog(new JdbiOutbox(db.jdbi()), URI.create("https://issuer.example"))).ensureKeys();
    return ring;
  }

  @Test
  void theJwksDocumentIsRenderedOnceAndAgainWhenThePublishedKeysChange() {
    KeyRing ring = ringWithAllAlgorithms();
    String first = ring.publishedJwksJson();
    assertThat(first).isEqualTo(ring.publishedJwks().toString(true)).contains("\"kid\"");
    assertThat(ring.publishedJwksJson()).isSameAs(first);
    db.jdbi().useHandle(h -> h.execute("DELETE FROM signing_keys"));
    ring.refresh();
    assertThat(ring.publishedJwksJson()).isEqualTo(ring.publishedJwks().toString(true)).doesNotContain("\"kid\"");
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  void whenJwtSignedWithRingKeyThenVerifiesWithPublishedJwks(SigningAlgorithm algorithm) throws Exception {
    KeyRing ring = ringWithAllAlgorithms();
    SigningKey key = ring.signingKey(algorithm);
    SignedJWT jwt = new SignedJWT(key.header().build(),
        new JWTClaimsSet.Builder().issuer("https://gatehouse.test").subject("alice").build());
    jwt.sign(key.signer());

    // What a verifier does: parse the published JSON, find the key by the token's kid.
    SignedJWT received = SignedJWT.parse(jwt.serialize());
    JWKSet published = JWKSet.parse(ring.publishedJwks().toString());
    JWK jwk = published.getKeyByKeyId(received.getHeader().getKeyID());
    JWSVerifier verifier = switch (algorithm) {
      case ES256 -> new ECDSAVerifier(jwk.toECKey());
      case RS256 -> new RSASSAVerifier(jwk.toRSAKey());
      case EDDSA -> new Ed25519Verifier(jwk.toOctetKeyPair());
    };
    assertThat(received.getHeader().getAlgorithm()).isEqualTo(algorithm.jws());
    assertThat(received.verify(verifier)).isTrue();
    assertThat(received.getJWTClaimsSet().getSubject()).isEqualTo("alice");
  }

  @Test
  void whenJwksPublishedThenEveryKeyHasKidAlgUseSigAndNoPrivateParts() {
    KeyRing ring = ringWithAllAlgorithms();
    JWKSet jwks = ring.publishedJwks();

    assertThat(jwks.getKeys()).hasSize(3);
    assertThat(jwks.containsNonPublicKeys()).isFalse();
    for (JWK jwk : jwks.getKeys()) {
      assertThat(jwk.isPrivate()).isFalse();
      assertThat(jwk.getKeyID()).isNotBlank().matches("[A-Za-z0-9_-]{22}");
      assertThat(jwk.getAlgorithm()).isNotNull();
      assertThat(jwk.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
    }
    // Private members of EC/OKP ("d") and RSA ("d", "p", "q", "dp", "dq", "qi") must be absent.
    for (Map<String, Object> json : jwks.getKeys().stream().map(JWK::toJSONObject).toList()) {
      assertThat(json).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    }
    assertThat(ring.keys().toString()).doesNotContain("\"d\"");
  }

  @Test
  void whenAnotherNodeRotatesThenThisRingSeesSuccessorAfterRefreshInterval() {
    KeyRing ring = ringWithAllAlgorithms();
    assertThat(ring.publishedJwks().size()).isEqualTo(3);
    KeyRotation otherNode = new KeyRotation(repository, kek, ALL_ALGORITHMS, clock, () -> {}, new EventLog(new JdbiOutbox(db.jdbi()), URI.create("https://issuer.example")));
    ScheduledSigningKey successor = otherNode.rotateNow(SigningAlgorithm.ES256);

    assertThat(ring.publishedJwks().getKeyByKeyId(successor.kid())).as("still cached").isNull();
    clock.advance(Duration.ofMinutes(1));
    assertThat(ring.publishedJwks().getKeyByKeyId(successor.kid())).isNotNull();
  }

  @Test
  void whenDatabaseFailsDuringReloadThenLastKeysKeepServing() {
    FailingRepository failing = new FailingRepository(repository);
    KeyRing ring = new KeyRing(failing, kek, clock, Duration.ofMinutes(1));
    new KeyRotation(repository, kek, ALL_ALGORITHMS, clock, () -> {}, new EventLog(new JdbiOutbox(db.jdbi()), URI.create("https://issuer.example"))).ensureKeys();
    String kid = ring.signingKey(SigningAlgorithm.ES256).kid();

    failing.down.set(true);
    clock.advance(Duration.ofMinutes(5));

    assertThat(ring.signingKey(SigningAlgorithm.ES256).kid()).isEqualTo(kid);
    assertThat(ring.publishedJwks().size()).isEqualTo(3);
  }

  @Test
  void whenEncryptedPrivateKeysSwappedBetweenRowsThenRingRefusesThem() {
    ringWithAllAlgorithms();
    db.jdbi().useHandle(h -> h.execute("""
        UPDATE signing_keys a SET encrypted_private_key = b.encrypted_private_key
        FROM signing_keys b WHERE a.algorithm = 'ES256' AND b.algorithm = 'RS256'"""));
    KeyRing fresh = new KeyRing(repository, kek, clock, Duration.ofMinutes(1));

    assertThatThrownBy(() -> fresh.signingKey(SigningAlgorithm.RS256))
        .isInstanceOf(KeyDecryptionException.class)
        .hasMessageContaining("failed authentication");
  }

  /** Delegates to the real repository, or throws as if the database were down. */
  static final class FailingRepository implements SigningKeyRepository {
    final AtomicBoolean down = new AtomicBoolean();
    private final SigningKeyRepository delegate;

    FailingRepository(SigningKeyRepository delegate) {
      this.delegate = delegate;
    }

    private void check() {
      if (down.get()) {
        throw new StoreUnavailableException("test: database down", new IllegalStateException());
      }
    }

    @Override
    public void insert(SigningKeyRecord key) {
      check();
      delegate.insert(key);
    }

    @Override
    public List<SigningKeyRecord> listUnexpired(Instant now) {
      check();
      return delegate.listUnexpired(now);
    }

    @Override
    public boolean retire(String kid, Instant retiresAt, Instant expiresAt) {
      check();
      return delegate.retire(kid, retiresAt, expiresAt);
    }

    @Override
    public int deleteExpired(Instant now) {
      check();
      return delegate.deleteExpired(now);
    }

    @Override
    public <T> Optional<T> tryWithRotationLock(Function<SigningKeyRepository, T> work) {
      check();
      return delegate.tryWithRotationLock(work);
    }
  }
}
