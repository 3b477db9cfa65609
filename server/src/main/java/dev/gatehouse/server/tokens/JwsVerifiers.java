package dev.gatehouse.server.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifiers for this server's own public keys, by kid. Keys are immutable per kid, so a verifier
 * is built once and reused (building an RSA or EC verifier is not free).
 */
final class JwsVerifiers {
  private final KeyRing keyRing;
  private final Map<String, JWSVerifier> byKid = new ConcurrentHashMap<>();

  JwsVerifiers(KeyRing keyRing) {
    this.keyRing = keyRing;
  }

  /** The verifier of a published key with this kid and algorithm, if there is one. */
  Optional<JWSVerifier> forKey(String kid, String alg, java.time.Instant now) {
    if (kid == null) {
      return Optional.empty();
    }
    for (SigningKey key : keyRing.keys()) {
      if (key.kid().equals(kid) && key.algorithm().joseName().equals(alg) && key.publishedAt(now)) {
        return Optional.of(byKid.computeIfAbsent(kid, k -> verifier(key.publicJwk())));
      }
    }
    return Optional.empty();
  }

  static JWSVerifier verifier(JWK jwk) {
    try {
      if (jwk instanceof ECKey ec) {
        return new ECDSAVerifier(ec);
      }
      if (jwk instanceof RSAKey rsa) {
        return new RSASSAVerifier(rsa);
      }
      if (jwk instanceof OctetKeyPair okp) {
        return new Ed25519Verifier(okp);
      }
    } catch (JOSEException e) {
      throw new IllegalStateException("unusable public key " + jwk.getKeyID(), e);
    }
    throw new IllegalStateException("unsupported key type " + jwk.getKeyType());
  }
}
