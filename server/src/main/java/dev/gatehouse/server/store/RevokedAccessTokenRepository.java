package dev.gatehouse.server.store;

import java.time.Instant;

/**
 * Revoked access tokens that belong to no grant (client credentials, RFC 7009 §2), by
 * {@code jti}, kept until the token would have expired. Tokens of a grant are revoked with
 * {@link AuthorizationGrantRepository#revoke}.
 */
public interface RevokedAccessTokenRepository {
  /** Idempotent. */
  void revoke(String jti, String clientId, Instant expiresAt);

  boolean isRevoked(String jti);
}
