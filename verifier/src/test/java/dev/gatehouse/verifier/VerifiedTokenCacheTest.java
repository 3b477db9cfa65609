package dev.gatehouse.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.verifier.TokenVerificationException.Reason;
import dev.gatehouse.verifier.testing.TestIssuer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache of verified tokens: hits skip the signature, entries leave at exp, on revocation, with their key. */
class VerifiedTokenCacheTest {
  private final MutableClock clock = MutableClock.startingNow();
  private final TestIssuer issuer = TestIssuer.start("ES256", clock);
  private final Revocations revocations = Revocations.create(Duration.ofHours(1), clock);

  @AfterEach
  void stop() {
    issuer.close();
  }

  private JwtVerifier verifier(int cacheSize) {
    return JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE).clock(clock)
        .jwksUri(issuer.jwksUri()).cacheSize(cacheSize).revocations(revocations).build();
  }

  @Test
  void whenSameTokenSeenAgainThenAnsweredFromCacheWithoutSignatureCheck() throws Exception {
    JwtVerifier verifier = verifier(100);
    String token = issuer.token().sign();
    VerifiedToken first = verifier.verify(token);
    VerifiedToken second = verifier.verify(token);
    assertThat(second).isSameAs(first);
    assertThat(verifier.stats().cacheMisses()).isEqualTo(1);
    assertThat(verifier.stats().cacheHits()).isEqualTo(1);
  }

  @Test
  void whenTokenPassesExpThenCacheNoLongerAnswers() throws Exception {
    JwtVerifier verifier = verifier(100);
    String token = issuer.token().expiresIn(Duration.ofSeconds(30)).sign();
    verifier.verify(token);
    clock.advance(Duration.ofSeconds(30 + 61));
    assertThat(catchThrowableOfType(TokenVerificationException.class, () -> verifier.verify(token)).reason())
        .isEqualTo(Reason.EXPIRED);
  }

  @Test
  void whenRevokedAfterCachingThenRefusedOnCacheHitAndDropped() throws Exception {
    JwtVerifier verifier = verifier(100);
    String token = issuer.token().jti("j-42").sign();
    verifier.verify(token);
    assertThat(verifier.stats().cachedTokens()).isEqualTo(1);
    revocations.revokeTokenId("j-42");
    assertThat(catchThrowableOfType(TokenVerificationException.class, () -> verifier.verify(token)).reason())
        .isEqualTo(Reason.REVOKED);
    assertThat(verifier.stats().cachedTokens()).isZero();
  }

  @Test
  void whenManyDistinctTokensThenCacheStaysBounded() throws Exception {
    JwtVerifier verifier = verifier(10);
    for (int i = 0; i < 50; i++) {
      verifier.verify(issuer.token().sign());
    }
    assertThat(verifier.stats().cachedTokens()).isLessThanOrEqualTo(10);
  }

  @Test
  void whenSigningKeyLeavesJwksThenItsCachedTokensAreDropped() throws Exception {
    JwtVerifier verifier = verifier(100);
    String old = issuer.currentKeyId();
    String token = issuer.token().sign();
    verifier.verify(token);
    issuer.rotateKeys();
    issuer.removeKey(old);
    clock.advance(Duration.ofMinutes(6)); // the JWKS max-age passes; next call refreshes
    verifier.verify(issuer.token().sign());
    assertThat(catchThrowableOfType(TokenVerificationException.class, () -> verifier.verify(token)).reason())
        .isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void whenCacheDisabledThenEveryCallChecksTheSignature() throws Exception {
    JwtVerifier verifier = verifier(0);
    String token = issuer.token().sign();
    verifier.verify(token);
    verifier.verify(token);
    assertThat(verifier.stats().cacheMisses()).isEqualTo(2);
  }
}
