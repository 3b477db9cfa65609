package dev.gatehouse.server.tokens;

import java.time.Instant;

/** A signed access token, its {@code jti} and when it expires. */
public record IssuedAccessToken(String value, String jti, Instant issuedAt, Instant expiresAt) {
  @Override
  public String toString() {
    return "IssuedAccessToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
  }
}
