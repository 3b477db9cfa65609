package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A refresh token, stored as a hash. All tokens of a grant form one family: {@code parentHash}
 * names the token this one replaced, {@code successorHash} the token that replaced it (set with
 * {@code rotatedAt}). {@code revokedAt} is the token's own revocation or its grant's, whichever
 * applies. Nullable: {@code parentHash}, {@code rotatedAt}, {@code successorHash}, {@code revokedAt}.
 */
public record RefreshToken(
    String tokenHash,
    UUID grantId,
    String parentHash,
    Instant issuedAt,
    Instant expiresAt,
    Instant rotatedAt,
    String successorHash,
    Instant revokedAt) {

  public RefreshToken {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The first token of a family, issued with the grant's first access token. */
  public static RefreshToken first(String tokenHash, UUID grantId, Instant issuedAt, Instant expiresAt) {
    return new RefreshToken(tokenHash, grantId, null, issuedAt, expiresAt, null, null, null);
  }

  /** Usable at {@code now}: not rotated, not revoked, not expired. */
  public boolean isActive(Instant now) {
    return rotatedAt == null && revokedAt == null && now.isBefore(expiresAt);
  }
}
