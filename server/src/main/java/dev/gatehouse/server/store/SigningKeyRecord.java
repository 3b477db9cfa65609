package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stored signing key: its public JWK as JSON and its private key sealed by the key-encryption
 * key. {@code retiresAt} and {@code expiresAt} are null until a successor is scheduled.
 */
// The array is copied in and out and equals/hashCode are overridden, which is what the check asks.
@SuppressWarnings("ArrayRecordComponent")
public record SigningKeyRecord(
    String kid,
    String algorithm,
    Instant createdAt,
    Instant activatesAt,
    @Nullable Instant retiresAt,
    @Nullable Instant expiresAt,
    String publicJwkJson,
    byte[] encryptedPrivateKey) {

  public SigningKeyRecord {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(activatesAt, "activatesAt");
    Objects.requireNonNull(publicJwkJson, "publicJwkJson");
    if ((retiresAt == null) != (expiresAt == null)) {
      throw new IllegalArgumentException("retiresAt and expiresAt are set together");
    }
    encryptedPrivateKey = encryptedPrivateKey.clone();
  }

  @Override
  public byte[] encryptedPrivateKey() {
    return encryptedPrivateKey.clone();
  }

  /** True while the key is still published at {@code now}. */
  public boolean unexpiredAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }

  public SigningKeyRecord withRetirement(Instant retires, Instant expires) {
    return new SigningKeyRecord(
        kid, algorithm, createdAt, activatesAt, retires, expires, publicJwkJson, encryptedPrivateKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SigningKeyRecord r
        && kid.equals(r.kid)
        && algorithm.equals(r.algorithm)
        && createdAt.equals(r.createdAt)
        && activatesAt.equals(r.activatesAt)
        && Objects.equals(retiresAt, r.retiresAt)
        && Objects.equals(expiresAt, r.expiresAt)
        && publicJwkJson.equals(r.publicJwkJson)
        && Arrays.equals(encryptedPrivateKey, r.encryptedPrivateKey);
  }

  @Override
  public int hashCode() {
    return kid.hashCode();
  }

  /** Never prints the (encrypted) private key. */
  @Override
  public String toString() {
    return "SigningKeyRecord[kid=" + kid + ", algorithm=" + algorithm + ", createdAt=" + createdAt
        + ", activatesAt=" + activatesAt + ", retiresAt=" + retiresAt + ", expiresAt=" + expiresAt + "]";
  }
}
