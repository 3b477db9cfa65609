package dev.gatehouse.verifier.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

/** Whether a JWK may verify a token signed with a given algorithm (RFC 7517 §4, RFC 8725 §3.1). */
final class KeyFit {
  /** RFC 7518 §3.3: RSA keys of 2048 bits or more. */
  private static final int MIN_RSA_BITS = 2048;

  private KeyFit() {}

  /** Returns {@code null} when {@code key} fits {@code alg}, else why it does not. */
  static String misfit(JWK key, JWSAlgorithm alg) {
    // RFC 7517 §4.2: a key meant for encryption must not verify signatures.
    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
      return "key " + key.getKeyID() + " has use=" + key.getKeyUse().identifier() + ", not sig";
    }
    // RFC 7517 §4.3: key_ops, when present, must allow verify.
    if (key.getKeyOperations() != null && !key.getKeyOperations().contains(KeyOperation.VERIFY)) {
      return "key " + key.getKeyID() + " has key_ops without verify";
    }
    // RFC 7517 §4.4: a key bound to one algorithm must not verify another.
    if (key.getAlgorithm() != null && !sameAlgorithm(key.getAlgorithm().getName(), alg)) {
      return "key " + key.getKeyID() + " is for alg=" + key.getAlgorithm() + ", token uses " + alg;
    }
    KeyType expected = keyTypeFor(alg);
    if (!expected.equals(key.getKeyType())) {
      return "token alg " + alg + " needs kty=" + expected + ", key " + key.getKeyID()
          + " has kty=" + key.getKeyType();
    }
    return switch (key) {
      case ECKey ec when !curveFor(alg).equals(ec.getCurve()) ->
          "token alg " + alg + " needs crv=" + curveFor(alg) + ", key has " + ec.getCurve();
      case RSAKey rsa when rsa.size() < MIN_RSA_BITS -> "RSA key " + key.getKeyID() + " is under 2048 bits";
      case OctetKeyPair okp when !Curve.Ed25519.equals(okp.getCurve()) ->
          "token alg " + alg + " needs crv=Ed25519, key has " + okp.getCurve();
      default -> null;
    };
  }

  private static boolean sameAlgorithm(String keyAlg, JWSAlgorithm alg) {
    // RFC 9864 made "Ed25519" the fully specified name of "EdDSA" over Ed25519.
    if (isEdDsa(alg)) {
      return "EdDSA".equals(keyAlg) || "Ed25519".equals(keyAlg);
    }
    return alg.getName().equals(keyAlg);
  }

  static boolean isEdDsa(JWSAlgorithm alg) {
    return JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg);
  }

  private static KeyType keyTypeFor(JWSAlgorithm alg) {
    if (JWSAlgorithm.Family.EC.contains(alg)) {
      return KeyType.EC;
    }
    if (JWSAlgorithm.Family.RSA.contains(alg)) {
      return KeyType.RSA;
    }
    if (isEdDsa(alg)) {
      return KeyType.OKP;
    }
    throw new IllegalArgumentException("not an allowed algorithm: " + alg);
  }

  private static Curve curveFor(JWSAlgorithm alg) {
    if (JWSAlgorithm.ES256.equals(alg)) {
      return Curve.P_256;
    }
    if (JWSAlgorithm.ES384.equals(alg)) {
      return Curve.P_384;
    }
    return Curve.P_521;
  }
}
