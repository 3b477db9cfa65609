package dev.gatehouse.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.SigningKeyRepository;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import dev.gatehouse.server.store.postgres.JdbiSigningKeyRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestPostgres;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 9068 access tokens as this server verifies them at introspection (RFC 7662 §2.2) and
 * userinfo (OIDC Core §5.3): a token verified once is remembered, but never past its {@code exp}
 * (RFC 9068 §4), never once its key is gone, and a token differing in one character is not
 * mistaken for it.
 */
class AccessTokensTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final URI ISSUER = URI.create("https://id.example.test");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
  private final SigningKeyRepository repository = new JdbiSigningKeyRepository(db.jdbi());
  private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64Url(KeyEncryptionKey.generateBase64Url());
  private KeyRing ring;
  private AccessTokens tokens;

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void keys() {
    db.jdbi().useHandle(h -> h.execute("DELETE FROM signing_keys"));
    ring = new KeyRing(repository, kek, clock, Duration.ofMinutes(1));
    new KeyRotation(repository, kek, KeyRotationPolicy.DEFAULT, clock, ring::refresh,
        new EventLog(new JdbiOutbox(db.jdbi()), ISSUER)).ensureKeys();
    tokens = new AccessTokens(ISSUER, ring, SigningAlgorithm.ES256, clock);
  }

  private IssuedAccessToken mint() {
    return tokens.mint(new AccessTokenClaims("alice", "orders-app", List.of(ISSUER.toString()),
        Set.of("orders.read"), null, null, List.of(), null, UUID.randomUUID()), Duration.ofMinutes(10));
  }

  @Test
  void verifyingTheSameTokenTwiceGivesTheSameClaims() {
    IssuedAccessToken issued = mint();
    Optional<VerifiedAccessToken> first = tokens.verify(issued.value());
    assertThat(first).map(VerifiedAccessToken::subject).contains("alice");
    assertThat(tokens.verify(issued.value())).isEqualTo(first);
  }

  @Test
  void aRememberedTokenStillExpiresAtItsExp() {
    IssuedAccessToken issued = mint();
    assertThat(tokens.verify(issued.value())).isPresent();
    clock.set(issued.expiresAt().minusSeconds(1));
    assertThat(tokens.verify(issued.value())).isPresent();
    clock.set(issued.expiresAt());
    assertThat(tokens.verify(issued.value())).isEmpty();
  }

  @Test
  void aRememberedTokenIsRefusedOnceItsKeyIsNoLongerPublished() {
    IssuedAccessToken issued = mint();
    assertThat(tokens.verify(issued.value())).isPresent();
    db.jdbi().useHandle(h -> h.execute("DELETE FROM signing_keys"));
    ring.refresh();
    assertThat(tokens.verify(issued.value())).isEmpty();
  }

  @Test
  void aTokenDifferingInOneCharacterFromARememberedOneIsCheckedAndRefused() {
    IssuedAccessToken issued = mint();
    assertThat(tokens.verify(issued.value())).isPresent();
    String token = issued.value();
    int i = token.lastIndexOf('.') + 5;
    String tampered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
    assertThat(tokens.verify(tampered)).isEmpty();
    String payloadTampered = token.replaceFirst("\\.", ".e");
    assertThat(tokens.verify(payloadTampered)).isEmpty();
  }
}
