package dev.gatehouse.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.verifier.TokenVerificationException.Reason;
import dev.gatehouse.verifier.testing.TestIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JWKS cache: refresh on unknown kid (single-flight, rate-limited), Cache-Control, outages. */
class JwksCacheTest {
  private final MutableClock clock = MutableClock.startingNow();
  private final TestIssuer issuer = TestIssuer.start("ES256", clock);

  @AfterEach
  void stop() {
    issuer.close();
  }

  private JwtVerifier verifier() {
    return JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE).clock(clock)
        .jwksUri(issuer.jwksUri()).build();
  }

  @Test
  void whenThousandConcurrentVerificationsNameAnUnknownKidThenExactlyOneFetch() throws Exception {
    JwtVerifier verifier = verifier();
    verifier.warmUp();
    issuer.rotateKeys();
    clock.advance(Duration.ofSeconds(11)); // past the unknown-kid rate limit
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      tokens.add(issuer.token().subject("u" + i).sign());
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<VerifiedToken>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String token : tokens) {
        results.add(pool.submit(() -> {
          go.await();
          return verifier.verify(token);
        }));
      }
      go.countDown();
      for (Future<VerifiedToken> r : results) {
        assertThat(r.get().subject()).startsWith("u");
      }
    }
    assertThat(issuer.jwksRequestCount()).isEqualTo(2); // warm-up + one refresh
    assertThat(verifier.stats().jwksFetches()).isEqualTo(2);
  }

  @Test
  void whenUnknownKidsArriveWithinRefreshIntervalThenNoFurtherFetchUntilItPasses() throws Exception {
    JwtVerifier verifier = verifier();
    verifier.warmUp();
    for (int i = 0; i < 50; i++) {
      String forged = issuer.token().keyId("made-up-" + i).sign();
      assertThat(catchThrowableOfType(TokenVerificationException.class, () -> verifier.verify(forged)).reason())
          .isEqualTo(Reason.UNKNOWN_KEY);
    }
    assertThat(issuer.jwksRequestCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(11));
    assertThat(catchThrowableOfType(TokenVerificationException.class, () -> verifier.verify(issuer.token().keyId("x").sign()))).isNotNull();
    assertThat(issuer.jwksRequestCount()).isEqualTo(2);
  }

  @Test
  void whenIssuerRotatesThenTokenWithNewKidIsAcceptedAfterRefresh() throws Exception {
    JwtVerifier verifier = verifier();
    String before = issuer.token().sign();
    assertThat(verifier.verify(before).subject()).isEqualTo("test-user");
    String newKid = issuer.rotateKeys();
    clock.advance(Duration.ofSeconds(11));
    VerifiedToken after = verifier.verify(issuer.token().sign());
    assertThat(after.keyId()).contains(newKid);
    assertThat(verifier.verify(before).subject()).isEqualTo("test-user"); // old key still published
  }

  @Test
  void whenMaxAgeElapsesThenRefetchedAndNotBefore() throws Exception {
    issuer.cacheControl("public, max-age=120");
    JwtVerifier verifier = verifier();
    verifier.verify(issuer.token().sign());
    clock.advance(Duration.ofSeconds(119));
    verifier.verify(issuer.token().sign());
    assertThat(issuer.jwksRequestCount()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    verifier.verify(issuer.token().sign());
    assertThat(issuer.jwksRequestCount()).isEqualTo(2);
  }

  @Test
  void whenMaxAgeIsBelowMinimumThenMinimumApplies() throws Exception {
    issuer.cacheControl("max-age=1");
    JwtVerifier verifier = verifier();
    verifier.verify(issuer.token().sign());
    clock.advance(Duration.ofSeconds(30));
    verifier.verify(issuer.token().sign());
    assertThat(issuer.jwksRequestCount()).isEqualTo(1); // clamped up to 60 s
  }

  @Test
  void whenJwksEndpointIsDownThenCachedKeysKeepWorking() throws Exception {
    JwtVerifier verifier = verifier();
    verifier.warmUp();
    issuer.jwksStatus(503);
    clock.advance(Duration.ofMinutes(6)); // past max-age=300
    assertThat(verifier.verify(issuer.token().sign()).subject()).isEqualTo("test-user");
    assertThat(verifier.stats().jwksFetchFailures()).isEqualTo(1);
    assertThat(verifier.verify(issuer.token().sign()).subject()).isEqualTo("test-user");
    assertThat(issuer.jwksRequestCount()).isEqualTo(2); // the failed retry waits refreshInterval
    issuer.jwksStatus(200);
    clock.advance(Duration.ofSeconds(11));
    verifier.verify(issuer.token().sign());
    assertThat(issuer.jwksRequestCount()).isEqualTo(3);
    assertThat(verifier.stats().jwksFetchFailures()).isEqualTo(1);
  }

  @Test
  void whenDiscoveryNamesAnotherIssuerThenJwksUnavailable() {
    String claimed = "http://localhost:" + URI.create(issuer.issuer()).getPort();
    JwtVerifier verifier = JwtVerifier.builder().issuer(claimed).audience(TestIssuer.AUDIENCE).clock(clock)
        .discoveryUri(issuer.discoveryUri()).build();
    TokenVerificationException e = catchThrowableOfType(TokenVerificationException.class,
        () -> verifier.verify(issuer.token().issuer(claimed).sign()));
    assertThat(e.reason()).isEqualTo(Reason.JWKS_UNAVAILABLE);
    assertThat(e.getMessage()).contains("discovery document names issuer");
  }

  @Test
  void whenDiscoveryIsDefaultThenJwksUriIsFoundThroughIt() throws Exception {
    JwtVerifier verifier = JwtVerifier.builder().issuer(issuer.issuer()).audience(TestIssuer.AUDIENCE).clock(clock).build();
    assertThat(verifier.verify(issuer.token().sign()).issuer()).isEqualTo(issuer.issuer());
  }
}
