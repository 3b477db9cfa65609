package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A single sign-on session. {@code idHash} is a hash of the cookie value (the raw value never
 * reaches storage). {@code authenticatedAt} is OIDC {@code auth_time}; {@code amr} (RFC 8176) is
 * in the order the methods were used. {@code acr} and {@code endedAt} may be {@code null}.
 */
public record BrowserSession(
    String idHash,
    UUID userId,
    Instant createdAt,
    Instant authenticatedAt,
    Instant expiresAt,
    Instant lastSeenAt,
    List<String> amr,
    String acr,
    Instant endedAt) {

  public BrowserSession {
    Objects.requireNonNull(idHash, "idHash");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(authenticatedAt, "authenticatedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    amr = List.copyOf(amr);
  }
}
