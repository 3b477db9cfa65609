package dev.gatehouse.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Refresh tokens, one family per grant, rotating on every use (OAuth 2.1 §4.3.1). */
public interface RefreshTokenRepository {
  /** Stores a token of an existing grant (usually {@link RefreshToken#first}). */
  void issue(RefreshToken token);

  /**
   * Replaces the token {@code oldHash} by a new one with hash {@code newHash}, atomically.
   *
   * <ul>
   *   <li>{@code oldHash} current (not rotated, not revoked, {@code now < expiresAt}, grant not
   *       revoked): {@link RefreshTokenRotation.Rotated}. Of N concurrent calls with the same
   *       {@code oldHash} exactly one gets this.
   *   <li>{@code oldHash} rotated at {@code r} with {@code now < r + leeway}, and its successor
   *       not rotated yet: {@link RefreshTokenRotation.RotatedWithinLeeway}, new token stored as a
   *       sibling of the successor. A zero leeway turns this off.
   *   <li>{@code oldHash} rotated otherwise: reuse (RFC 9700 §4.14.2) — the grant and all its
   *       tokens are revoked in the same transaction and {@link RefreshTokenRotation.Reused} is
   *       returned. This holds even after the old token's own expiry: only a thief or a broken
   *       client presents a token it has already exchanged.
   *   <li>unknown, revoked (itself or its grant), or expired without having been rotated:
   *       {@link RefreshTokenRotation.Invalid}.
   * </ul>
   *
   * <p>A caller that wraps this in {@link Transactions#inTransaction} and then rolls back also
   * rolls back a {@code Reused} revocation; call it outside or commit.
   */
  RefreshTokenRotation rotate(
      String oldHash, String newHash, Instant newExpiresAt, Instant now, Duration leeway);

  /**
   * The token with this hash, whatever its state (for introspection and revocation, RFC 7662 and
   * RFC 7009); check {@link RefreshToken#isActive}.
   */
  Optional<RefreshToken> findByHash(String tokenHash);
}
