package dev.gatehouse.server.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What an access token says (RFC 9068 §2.2). {@code authTime}, {@code acr}, {@code sessionId}
 * and {@code grantId} are {@code null} when no user authenticated (client credentials).
 * {@code grantId} travels as the private claim {@code gid}: it is how introspection, revocation
 * and userinfo find the grant without a lookup table.
 */
public record AccessTokenClaims(
    String subject,
    String clientId,
    List<String> audience,
    Set<String> scopes,
    Instant authTime,
    String acr,
    List<String> amr,
    String sessionId,
    UUID grantId) {

  public AccessTokenClaims {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    audience = List.copyOf(audience);
    if (audience.isEmpty()) {
      throw new IllegalArgumentException("an access token has an audience (RFC 9068 §2.2)");
    }
    scopes = Set.copyOf(scopes);
    amr = List.copyOf(amr);
  }
}
