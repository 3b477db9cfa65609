package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One authorization aggregate (DESIGN.md §4.8): what a user (or, for client credentials, no user)
 * granted a client. Its code and refresh tokens hang off {@code grantId}; revoking the grant
 * revokes all of them. {@code userId} and {@code revokedAt} may be {@code null}.
 */
public record AuthorizationGrant(
    UUID grantId, String clientId, UUID userId, Set<String> scopes, Instant createdAt, Instant revokedAt,
    GrantDetails details) {

  public AuthorizationGrant {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(clientId, "clientId");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(details, "details");
  }

  /** A grant without user-authentication details (client credentials). */
  public AuthorizationGrant(
      UUID grantId, String clientId, UUID userId, Set<String> scopes, Instant createdAt, Instant revokedAt) {
    this(grantId, clientId, userId, scopes, createdAt, revokedAt, GrantDetails.NONE);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }
}
