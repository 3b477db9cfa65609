package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** The scopes a user has agreed to give a client, remembered so the consent page can be skipped. */
public record Consent(UUID userId, String clientId, Set<String> scopes, Instant grantedAt, Instant updatedAt) {
  public Consent {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(clientId, "clientId");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(grantedAt, "grantedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
