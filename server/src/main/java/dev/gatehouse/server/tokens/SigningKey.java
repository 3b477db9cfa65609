package dev.gatehouse.server.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A decrypted signing key and its lifecycle: published from creation, signs from {@code
 * activatesAt} until {@code retiresAt}, published until {@code expiresAt}. The private key never
 * leaves this object except as a {@link JWSSigner}; {@link #toString} shows no key material.
 */
public final class SigningKey {
  private final String kid;
  private final SigningAlgorithm algorithm;
  private final Instant createdAt;
  private final Instant activatesAt;
  private final @Nullable Instant retiresAt;
  private final @Nullable Instant expiresAt;
  private final JWK publicJwk;
  private final JWSSigner signer;

  SigningKey(String kid, SigningAlgorithm algorithm, Instant createdAt, Instant activatesAt,
      @Nullable Instant retiresAt, @Nullable Instant expiresAt, JWK privateJwk) {
    this.kid = kid;
    this.algorithm = algorithm;
    this.createdAt = createdAt;
    this.activatesAt = activatesAt;
    this.retiresAt = retiresAt;
    this.expiresAt = expiresAt;
    this.publicJwk = privateJwk.toPublicJWK();
    try {
      this.signer = algorithm.signer(privateJwk);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing key " + kid + " is not a usable " + algorithm + " key", e);
    }
  }

  public String kid() {
    return kid;
  }

  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant activatesAt() {
    return activatesAt;
  }

  public Optional<Instant> retiresAt() {
    return Optional.ofNullable(retiresAt);
  }

  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** The public half only: kty, crv or n/e, x/y, kid, alg, use=sig. */
  public JWK publicJwk() {
    return publicJwk;
  }

  /** Signs with the private key; thread-safe. */
  public JWSSigner signer() {
    return signer;
  }

  /** A JWS header builder with this key's {@code alg} and {@code kid} already set. */
  public JWSHeader.Builder header() {
    return new JWSHeader.Builder(algorithm.jws()).keyID(kid);
  }

  /** activatesAt ≤ now < retiresAt. */
  public boolean signsAt(Instant now) {
    return !activatesAt.isAfter(now) && (retiresAt == null || now.isBefore(retiresAt));
  }

  /** now < expiresAt (keys not yet active are published too). */
  public boolean publishedAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "SigningKey[kid=" + kid + ", alg=" + algorithm.joseName() + ", activatesAt=" + activatesAt
        + ", retiresAt=" + retiresAt + ", expiresAt=" + expiresAt + "]";
  }
}
