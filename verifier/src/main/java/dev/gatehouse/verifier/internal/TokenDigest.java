package dev.gatehouse.verifier.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a whole token string, as a compact map key. Hashing the whole token (not a prefix,
 * not the {@code jti}) means a token with a changed signature or payload never hits the cache.
 */
public record TokenDigest(long a, long b, long c, long d) {
  /** Digests {@code token}. */
  public static TokenDigest of(String token) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    ByteBuffer hash = ByteBuffer.wrap(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    return new TokenDigest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
  }
}
