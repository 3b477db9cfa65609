package dev.gatehouse.bench;

import com.nimbusds.jose.JOSEException;
import dev.gatehouse.verifier.JwtVerifier;
import dev.gatehouse.verifier.JwtVerifierBuilder;
import dev.gatehouse.verifier.TokenVerificationException;
import dev.gatehouse.verifier.VerifiedToken;
import dev.gatehouse.verifier.VerifierStats;
import dev.gatehouse.verifier.testing.TestIssuer;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * gatehouse-verifier's cost per request against the physical limit, for each algorithm
 * Gatehouse signs with (issue 4, "Tests and figures"):
 *
 * <ul>
 *   <li>{@link #rawVerify}: nimbus {@code JWSVerifier.verify} of the same, already parsed token
 *       with the issuer's public key: the signature check alone, no parsing, no claims;
 *   <li>{@link #firstSight}: {@code JwtVerifier.verify} with the verified-token cache disabled
 *       ({@code cacheSize(0)}), so every call parses, looks up the key in the cached JWKS,
 *       checks the signature and validates the claims: a token seen for the first time;
 *   <li>{@link #firstSightCacheOn}: the same with the cache on, alternating two tokens through a
 *       one-entry cache, so every call is a miss that also pays the SHA-256, the eviction and
 *       the insert: first sight as a service with the default configuration pays it;
 *   <li>{@link #cacheHit}: {@code JwtVerifier.verify} of a token already verified: a SHA-256
 *       and a map lookup (plus the revocation check).
 * </ul>
 *
 * The JWKS comes over HTTP from a {@link TestIssuer} on 127.0.0.1, fetched once in setup (it
 * stays cached for the 5 min {@code max-age} the issuer sends, longer than one trial).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifierBenchmark {
  @Param({"ES256", "RS256", "EdDSA"})
  public String alg;

  private VerifierFixture fixture;
  private JwtVerifier uncached;
  private JwtVerifier oneEntry;
  private JwtVerifier cached;
  private String otherToken;
  private boolean flip;

  @Setup
  public void setUp() throws JOSEException, ParseException, TokenVerificationException {
    fixture = new VerifierFixture(alg);
    uncached = builder().cacheSize(0).build();
    oneEntry = builder().cacheSize(1).build();
    cached = builder().build();
    otherToken = fixture.mint();
    for (JwtVerifier v : new JwtVerifier[] {uncached, oneEntry, cached}) {
      v.warmUp();
    }

    // Prove the first-sight paths really check the signature every time: every call a miss.
    uncached.verify(fixture.token);
    uncached.verify(fixture.token);
    requireMisses(uncached, 2, 0);
    firstSightCacheOn();
    firstSightCacheOn();
    firstSightCacheOn();
    requireMisses(oneEntry, 3, 0);
    cached.verify(fixture.token);
    cached.verify(fixture.token);
    requireMisses(cached, 1, 1);
  }

  private JwtVerifierBuilder builder() {
    return JwtVerifier.builder()
        .issuer(fixture.issuer.issuer())
        .audience(TestIssuer.AUDIENCE)
        .jwksUri(fixture.issuer.jwksUri())
        .allowedAlgorithms(alg);
  }

  private static void requireMisses(JwtVerifier v, long misses, long hits) {
    VerifierStats s = v.stats();
    if (s.cacheMisses() != misses || s.cacheHits() != hits || s.jwksFetches() != 1) {
      throw new IllegalStateException("unexpected verifier behaviour: " + s);
    }
  }

  @TearDown
  public void tearDown() {
    fixture.close();
  }

  /** The physical limit: the signature check of the parsed token with the issuer's key. */
  @Benchmark
  public boolean rawVerify() throws JOSEException {
    return fixture.raw.verify(fixture.parsed.getHeader(), fixture.parsed.getSigningInput(), fixture.parsed.getSignature());
  }

  /** A token never seen before: the whole RFC 9068 check, signature included. */
  @Benchmark
  public VerifiedToken firstSight() throws TokenVerificationException {
    return uncached.verify(fixture.token);
  }

  /** First sight with the cache on: miss, full check, evict one, insert. */
  @Benchmark
  public VerifiedToken firstSightCacheOn() throws TokenVerificationException {
    flip = !flip;
    return oneEntry.verify(flip ? fixture.token : otherToken);
  }

  /** The same token again: served from the verified-token cache. */
  @Benchmark
  public VerifiedToken cacheHit() throws TokenVerificationException {
    return cached.verify(fixture.token);
  }
}
