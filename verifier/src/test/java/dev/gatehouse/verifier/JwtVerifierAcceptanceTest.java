package dev.gatehouse.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.verifier.testing.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens that must be accepted, and what the result exposes (RFC 9068 §2.2, §4). */
class JwtVerifierAcceptanceTest {
  private final MutableClock clock = MutableClock.startingNow();

  private JwtVerifier verifierFor(TestIssuer issuer) {
    return JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE).clock(clock).build();
  }

  @ParameterizedTest(name = "{0} token verifies (RFC 9068 §2.1: asymmetric signature)")
  @ValueSource(strings = {"ES256", "RS256", "EdDSA"})
  void whenSignedWithAllowedAlgorithmThenAccepted(String alg) throws Exception {
    try (TestIssuer issuer = TestIssuer.start(alg, clock)) {
      VerifiedToken token = verifierFor(issuer).verify(issuer.token().subject("alice").sign());
      assertThat(token.subject()).isEqualTo("alice");
      assertThat(token.keyId()).contains(issuer.currentKeyId());
    }
  }

  @Test
  void whenVerifiedThenStandardClaimsAndCustomClaimsAreExposed() throws Exception {
    try (TestIssuer issuer = TestIssuer.start("ES256", clock)) {
      String raw = issuer.token().subject("alice").clientId("web").scope("orders:read", "orders:write")
          .audience(TestIssuer.AUDIENCE, "https://other.test").sessionId("s-1").jti("j-1")
          .claim("tenant", "acme").claim("level", 3).claim("auth_time", clock.instant().getEpochSecond())
          .claim("roles", List.of("admin")).sign();
      VerifiedToken token = verifierFor(issuer).verify(raw);
      assertThat(token.issuer()).isEqualTo(issuer.issuer());
      assertThat(token.clientId()).isEqualTo("web");
      assertThat(token.scopes()).containsExactly("orders:read", "orders:write");
      assertThat(token.hasScope("orders:write")).isTrue();
      assertThat(token.audience()).containsExactly(TestIssuer.AUDIENCE, "https://other.test");
      assertThat(token.sessionId()).contains("s-1");
      assertThat(token.jti()).isEqualTo("j-1");
      assertThat(token.issuedAt()).isEqualTo(clock.instant());
      assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
      assertThat(token.claim("tenant", String.class)).contains("acme");
      assertThat(token.claim("level", Integer.class)).contains(3);
      assertThat(token.claim("auth_time", Instant.class)).contains(clock.instant());
      assertThat(token.claim("roles", List.class)).contains(List.of("admin"));
      assertThat(token.claim("absent", String.class)).isEmpty();
    }
  }

  @ParameterizedTest(name = "typ \"{0}\" is accepted (RFC 9068 §4 step 1, RFC 7515 §4.1.9 case-insensitive)")
  @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt", "Application/At+JWT"})
  void whenTypIsAtJwtInAnyCaseThenAccepted(String typ) throws Exception {
    try (TestIssuer issuer = TestIssuer.start("ES256", clock)) {
      assertThat(verifierFor(issuer).verify(issuer.token().type(typ).sign()).subject()).isEqualTo("test-user");
    }
  }

  @Test
  void whenExpiredWithinClockSkewThenAccepted() throws Exception {
    try (TestIssuer issuer = TestIssuer.start("ES256", clock)) {
      String raw = issuer.token().expiresIn(Duration.ofSeconds(10)).sign();
      clock.advance(Duration.ofSeconds(69));
      assertThat(verifierFor(issuer).verify(raw).subject()).isEqualTo("test-user");
    }
  }

  @Test
  void whenConfiguredWithJwksUriThenNoDiscoveryNeeded() throws Exception {
    try (TestIssuer issuer = TestIssuer.start("ES256", clock)) {
      JwtVerifier verifier = JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE)
          .jwksUri(issuer.jwksUri()).clock(clock).build();
      assertThat(verifier.verify(issuer.token().sign()).subject()).isEqualTo("test-user");
    }
  }
}
