package dev.gatehouse.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.verifier.TokenVerificationException.Reason;
import dev.gatehouse.verifier.testing.TestIssuer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Revocation by jti, session and subject, consulted on every verification. */
class RevocationsTest {
  private final MutableClock clock = MutableClock.startingNow();
  private final TestIssuer issuer = TestIssuer.start("ES256", clock);
  private final Revocations revocations = Revocations.create(Duration.ofHours(1), clock);
  private final JwtVerifier verifier = JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE)
      .clock(clock).revocations(revocations).build();

  @AfterEach
  void stop() {
    issuer.close();
  }

  private Reason refusal(String token) {
    TokenVerificationException e = catchThrowableOfType(TokenVerificationException.class, () -> verifier.verify(token));
    return e == null ? null : e.reason();
  }

  @Test
  void whenJtiRevokedThenOnlyThatTokenIsRefused() {
    revocations.revokeTokenId("bad");
    assertThat(refusal(issuer.token().jti("bad").sign())).isEqualTo(Reason.REVOKED);
    assertThat(refusal(issuer.token().jti("good").sign())).isNull();
  }

  @Test
  void whenSessionRevokedThenEveryTokenOfThatSessionIsRefused() {
    revocations.revokeSession("s-1");
    assertThat(refusal(issuer.token().sessionId("s-1").sign())).isEqualTo(Reason.REVOKED);
    assertThat(refusal(issuer.token().sessionId("s-1").subject("other").sign())).isEqualTo(Reason.REVOKED);
    assertThat(refusal(issuer.token().sessionId("s-2").sign())).isNull();
    assertThat(refusal(issuer.token().sign())).isNull();
  }

  @Test
  void whenGrantRevokedThenEveryTokenCarryingThatGidIsRefusedIncludingCachedOnes() {
    String cached = issuer.token().claim("gid", "g-1").sign();
    assertThat(refusal(cached)).isNull();
    revocations.revokeGrant("g-1");
    assertThat(refusal(cached)).isEqualTo(Reason.REVOKED);
    assertThat(refusal(issuer.token().claim("gid", "g-1").subject("other").sign())).isEqualTo(Reason.REVOKED);
    assertThat(refusal(issuer.token().claim("gid", "g-2").sign())).isNull();
    assertThat(refusal(issuer.token().sign())).isNull();
    assertThat(refusal(issuer.token().claim("gid", 42).sign())).isNull();
  }

  @Test
  void whenSubjectRevokedThenTokensIssuedBeforeAreRefusedAndLaterOnesAccepted() {
    String before = issuer.token().subject("alice").sign();
    clock.advance(Duration.ofSeconds(5));
    revocations.revokeSubject("alice", clock.instant());
    assertThat(refusal(before)).isEqualTo(Reason.REVOKED);
    assertThat(refusal(issuer.token().subject("alice").sign())).isNull();
    assertThat(refusal(issuer.token().subject("bob").issuedAt(clock.instant().minusSeconds(5)).sign())).isNull();
  }

  @Test
  void whenLaterCutoffIsEarlierThenTheStricterOneStays() {
    revocations.revokeSubject("alice", clock.instant());
    revocations.revokeSubject("alice", clock.instant().minusSeconds(100));
    assertThat(refusal(issuer.token().subject("alice").issuedAt(clock.instant().minusSeconds(10)).sign()))
        .isEqualTo(Reason.REVOKED);
  }

  @Test
  void whenRetentionPassesThenEntriesExpireAndArePurged() {
    revocations.revokeTokenId("j");
    revocations.revokeSession("s");
    revocations.revokeGrant("g");
    revocations.revokeSubject("u", clock.instant());
    assertThat(revocations.size()).isEqualTo(4);
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(refusal(issuer.token().jti("j").sessionId("s").claim("gid", "g").sign())).isNull();
    revocations.purgeExpired();
    assertThat(revocations.size()).isZero();
  }

  @Test
  void whenRevokedConcurrentlyThenEveryEntryIsKept() throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 2000; i++) {
        int n = i;
        pool.submit(() -> revocations.revokeTokenId("j" + n));
      }
    }
    assertThat(revocations.size()).isEqualTo(2000);
    assertThat(refusal(issuer.token().jti("j1999").sign())).isEqualTo(Reason.REVOKED);
  }
}
