package dev.gatehouse.server.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** An access token this server signed, with a valid signature, issuer, type and expiry. */
public record VerifiedAccessToken(
    String jti,
    String subject,
    String clientId,
    List<String> audience,
    Set<String> scopes,
    Instant issuedAt,
    Instant expiresAt,
    Instant notBefore,
    UUID grantId,
    String issuer) {

  /** Whether a user authenticated for this token (it has a grant); false for client credentials. */
  public boolean hasGrant() {
    return grantId != null;
  }
}
