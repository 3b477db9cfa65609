package dev.gatehouse.verifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tokens to refuse before they expire: by token id ({@code jti}), by session ({@code sid}), by
 * grant (Gatehouse's private {@code gid} claim), or every token of a subject issued before an
 * instant. Thread-safe; meant to be fed by Gatehouse's
 * event stream and shared by every {@link JwtVerifier} of a service. A verifier consults it on
 * every call, cache hits included, and answers {@link TokenVerificationException.Reason#REVOKED}.
 *
 * <p>Entries expire after the retention given at creation, which must be at least the longest
 * access-token lifetime plus the verifier's clock skew: after that, every token the entry could
 * match has expired anyway. Expired entries are purged as new ones are added.
 */
public final class Revocations {
  /** Default retention: one hour, above Gatehouse's longest access-token lifetime. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);

  private static final int PURGE_EVERY = 256;
  private static final String GRANT_ID_CLAIM = "gid";

  private final Duration retention;
  private final Clock clock;
  private final Map<String, Instant> tokenIds = new ConcurrentHashMap<>();
  private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
  private final Map<String, Instant> grants = new ConcurrentHashMap<>();
  private final Map<String, SubjectCutoff> subjects = new ConcurrentHashMap<>();
  private final AtomicInteger writes = new AtomicInteger();

  private record SubjectCutoff(Instant issuedBefore, Instant expiresAt) {}

  private Revocations(Duration retention, Clock clock) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive");
    }
    this.retention = retention;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A registry with {@link #DEFAULT_RETENTION} and the system clock. */
  public static Revocations create() {
    return new Revocations(DEFAULT_RETENTION, Clock.systemUTC());
  }

  /** A registry keeping entries for {@code retention}, timed by {@code clock}. */
  public static Revocations create(Duration retention, Clock clock) {
    return new Revocations(retention, clock);
  }

  /** Refuses the token whose {@code jti} is {@code tokenId}. */
  public void revokeTokenId(String tokenId) {
    tokenIds.put(Objects.requireNonNull(tokenId, "tokenId"), clock.instant().plus(retention));
    afterWrite();
  }

  /** Refuses every token whose {@code sid} claim is {@code sessionId} (logout, session kill). */
  public void revokeSession(String sessionId) {
    sessions.put(Objects.requireNonNull(sessionId, "sessionId"), clock.instant().plus(retention));
    afterWrite();
  }

  /**
   * Refuses every token whose {@code gid} claim is {@code grantId}: all access tokens minted from
   * one authorization grant (token revocation at {@code /revoke}, refresh-token reuse, code
   * replay). Tokens without a string {@code gid} claim are never matched.
   */
  public void revokeGrant(String grantId) {
    grants.put(Objects.requireNonNull(grantId, "grantId"), clock.instant().plus(retention));
    afterWrite();
  }

  /**
   * Refuses every token of {@code subject} issued before {@code issuedBefore} (password change,
   * account locked). Tokens issued at or after that instant are accepted. A later call with an
   * earlier instant does not weaken an existing cut-off.
   */
  public void revokeSubject(String subject, Instant issuedBefore) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuedBefore, "issuedBefore");
    SubjectCutoff fresh = new SubjectCutoff(issuedBefore, issuedBefore.plus(retention));
    subjects.merge(subject, fresh, (old, neu) -> old.issuedBefore().isAfter(neu.issuedBefore()) ? old : neu);
    afterWrite();
  }

  /** Whether {@code token} matches a live revocation entry. */
  public boolean isRevoked(VerifiedToken token) {
    if (!tokenIds.isEmpty() && live(tokenIds.get(token.jti()))) {
      return true;
    }
    if (!sessions.isEmpty() && token.sessionId().isPresent() && live(sessions.get(token.sessionId().get()))) {
      return true;
    }
    if (!grants.isEmpty() && token.claims().get(GRANT_ID_CLAIM) instanceof String gid && live(grants.get(gid))) {
      return true;
    }
    if (!subjects.isEmpty()) {
      SubjectCutoff cutoff = subjects.get(token.subject());
      return cutoff != null && live(cutoff.expiresAt()) && token.issuedAt().isBefore(cutoff.issuedBefore());
    }
    return false;
  }

  /** Number of entries held, expired ones not yet purged included. */
  public int size() {
    return tokenIds.size() + sessions.size() + grants.size() + subjects.size();
  }

  /** Drops expired entries now (they are also dropped as new entries arrive). */
  public void purgeExpired() {
    Instant now = clock.instant();
    tokenIds.values().removeIf(until -> !until.isAfter(now));
    sessions.values().removeIf(until -> !until.isAfter(now));
    grants.values().removeIf(until -> !until.isAfter(now));
    subjects.values().removeIf(c -> !c.expiresAt().isAfter(now));
  }

  private boolean live(Instant until) {
    return until != null && until.isAfter(clock.instant());
  }

  private void afterWrite() {
    if (writes.incrementAndGet() % PURGE_EVERY == 0) {
      purgeExpired();
    }
  }
}
