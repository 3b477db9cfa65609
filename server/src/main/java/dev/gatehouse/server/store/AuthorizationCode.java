package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The authorization code of a grant, stored as a hash: the raw code never reaches storage
 * (DESIGN.md §4.9). {@code codeChallenge} and {@code codeChallengeMethod} (RFC 7636) come as a
 * pair or not at all; {@code nonce}, {@code consumedAt} and {@code revokedAt} may be {@code null}.
 */
public record AuthorizationCode(
    String codeHash,
    UUID grantId,
    String redirectUri,
    String codeChallenge,
    String codeChallengeMethod,
    String nonce,
    Instant expiresAt,
    Instant consumedAt,
    Instant revokedAt) {

  public AuthorizationCode {
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    if ((codeChallenge == null) != (codeChallengeMethod == null)) {
      throw new IllegalArgumentException("code_challenge and code_challenge_method come together");
    }
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A fresh, unconsumed code. */
  public static AuthorizationCode issued(
      String codeHash,
      UUID grantId,
      String redirectUri,
      String codeChallenge,
      String codeChallengeMethod,
      String nonce,
      Instant expiresAt) {
    return new AuthorizationCode(
        codeHash, grantId, redirectUri, codeChallenge, codeChallengeMethod, nonce, expiresAt, null, null);
  }
}
