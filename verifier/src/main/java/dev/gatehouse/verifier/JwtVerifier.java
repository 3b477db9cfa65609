package dev.gatehouse.verifier;

import static dev.gatehouse.verifier.TokenVerificationException.Reason.INSUFFICIENT_SCOPE;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.MALFORMED;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.REVOKED;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.TOO_LARGE;

import dev.gatehouse.verifier.internal.JwksCache;
import dev.gatehouse.verifier.internal.TokenCheck;
import dev.gatehouse.verifier.internal.TokenDigest;
import dev.gatehouse.verifier.internal.VerifiedTokenCache;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verifies Gatehouse JWT access tokens locally (RFC 9068), against the issuer's published keys.
 * Build one per (issuer, audience) at start-up and share it: it is thread-safe and holds the
 * JWKS cache and the verified-token cache.
 *
 * <pre>{@code
 * JwtVerifier verifier = JwtVerifier.builder()
 *     .issuer("https://login.example.com")
 *     .audience("https://orders.example.com")
 *     .build();
 * VerifiedToken token = verifier.verify(bearerToken); // throws TokenVerificationException
 * }</pre>
 */
public final class JwtVerifier {
  private final int maxTokenLength;
  private final Set<String> requiredScopes;
  private final Clock clock;
  private final Revocations revocations;
  private final JwksCache jwks;
  private final TokenCheck check;
  private final VerifiedTokenCache<VerifiedToken> cache;
  private final LongAdder verifications = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();

  JwtVerifier(JwtVerifierBuilder b, JwksCache jwks, VerifiedTokenCache<VerifiedToken> cache) {
    this.maxTokenLength = b.maxTokenLength;
    this.requiredScopes = Set.copyOf(b.requiredScopes);
    this.clock = b.clock;
    this.revocations = b.revocations;
    this.jwks = jwks;
    this.cache = cache;
    this.check = new TokenCheck(b.allowedAlgorithms(), jwks, b.issuer, b.audience, b.clockSkew.toSeconds());
  }

  /** A builder; {@link JwtVerifierBuilder#issuer} and {@link JwtVerifierBuilder#audience} are required. */
  public static JwtVerifierBuilder builder() {
    return new JwtVerifierBuilder();
  }

  /**
   * Verifies a compact-serialized access token (the part after {@code Bearer }).
   *
   * @throws TokenVerificationException with the reason the token was refused
   */
  public VerifiedToken verify(String token) throws TokenVerificationException {
    verifications.increment();
    if (token == null || token.isEmpty()) {
      throw new TokenVerificationException(MALFORMED, "no token");
    }
    // Checked before any parsing, so an attacker cannot make us decode and hash megabytes.
    if (token.length() > maxTokenLength) {
      throw new TokenVerificationException(TOO_LARGE, token.length() + " chars, limit " + maxTokenLength);
    }
    long now = clock.instant().getEpochSecond();
    TokenDigest digest = cache == null ? null : TokenDigest.of(token);
    if (digest != null) {
      VerifiedToken hit = cache.get(digest, now);
      if (hit != null) {
        hits.increment();
        if (revocations.isRevoked(hit)) {
          cache.remove(digest);
          throw new TokenVerificationException(REVOKED, "token " + hit.jti() + " was revoked");
        }
        return hit;
      }
    }
    cacheMisses.increment();
    TokenCheck.Checked checked = check.check(token, now);
    VerifiedToken verified = new VerifiedToken(checked.claims(), checked.audience(), checked.keyId());
    if (revocations.isRevoked(verified)) {
      throw new TokenVerificationException(REVOKED, "token " + verified.jti() + " was revoked");
    }
    // RFC 6750 §3.1 insufficient_scope; RFC 9068 §4 step 7 leaves authorization to the RS.
    if (!verified.scopes().containsAll(requiredScopes)) {
      throw new TokenVerificationException(INSUFFICIENT_SCOPE, "token lacks required scopes " + requiredScopes);
    }
    if (digest != null) {
      cache.put(digest, verified, checked.cacheUntil(), checked.keyId(), now);
    }
    return verified;
  }

  /**
   * Fetches the JWKS now, so the first request does not wait for it. Optional: verification
   * fetches on demand.
   *
   * @throws TokenVerificationException with {@code JWKS_UNAVAILABLE} when it cannot be fetched
   */
  public void warmUp() throws TokenVerificationException {
    try {
      jwks.current();
    } catch (JwksCache.JwksUnavailableException e) {
      throw new TokenVerificationException(TokenVerificationException.Reason.JWKS_UNAVAILABLE, e.getMessage(), e);
    }
  }

  /** Counters since this verifier was built. */
  public VerifierStats stats() {
    return new VerifierStats(verifications.sum(), hits.sum(), cacheMisses.sum(), jwks.fetchCount(),
        jwks.failureCount(), cache == null ? 0 : cache.size());
  }
}
