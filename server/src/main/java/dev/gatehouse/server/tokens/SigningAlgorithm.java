package dev.gatehouse.server.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Locale;

/**
 * The JWS algorithms Gatehouse signs with (DESIGN.md §2 has their measured costs).
 *
 * <ul>
 *   <li>{@link #ES256}: P-256, the default for access tokens: small tokens, fast signing.
 *   <li>{@link #RS256}: RSA 2048, the OpenID Connect interoperability baseline (the default
 *       {@code id_token_signed_response_alg}, OIDC Core §3.1.3.7) and the cheapest to verify.
 *       2048 bits is what NIST SP 800-57 accepts through 2030 and what FAPI 2.0 requires at
 *       minimum; 3072 would cost roughly 3x per signature for clients that only need interop.
 *   <li>{@link #EDDSA}: Ed25519 through Tink, supported but not a default: not every client
 *       library verifies it yet.
 * </ul>
 */
public enum SigningAlgorithm {
  ES256(JWSAlgorithm.ES256) {
    @Override
    JWK generate(String kid) throws JOSEException {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws()).generate();
    }

    @Override
    JWSSigner signer(JWK privateJwk) throws JOSEException {
      return new ECDSASigner(privateJwk.toECKey());
    }
  },
  RS256(JWSAlgorithm.RS256) {
    @Override
    JWK generate(String kid) throws JOSEException {
      return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws()).generate();
    }

    @Override
    JWSSigner signer(JWK privateJwk) throws JOSEException {
      return new RSASSASigner(privateJwk.toRSAKey());
    }
  },
  EDDSA(JWSAlgorithm.EdDSA) {
    @Override
    JWK generate(String kid) throws JOSEException {
      return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws()).generate();
    }

    @Override
    JWSSigner signer(JWK privateJwk) throws JOSEException {
      return new Ed25519Signer(privateJwk.toOctetKeyPair());
    }
  };

  private final String joseName;

  SigningAlgorithm(JWSAlgorithm jws) {
    this.joseName = jws.getName();
  }

  /** The JOSE algorithm, e.g. for a JWS header. */
  public JWSAlgorithm jws() {
    return JWSAlgorithm.parse(joseName); // returns nimbus's shared constant
  }

  /** The {@code alg} name as in JOSE and in configuration: ES256, RS256, EdDSA. */
  public String joseName() {
    return joseName;
  }

  /** Parses a JOSE name, case-insensitively ("es256", "EdDSA"). */
  public static SigningAlgorithm fromJoseName(String name) {
    for (SigningAlgorithm a : values()) {
      if (a.joseName().toLowerCase(Locale.ROOT).equals(name.strip().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("unsupported signing algorithm: " + name + " (use ES256, RS256 or EdDSA)");
  }

  /** A new private JWK carrying {@code kid}, {@code alg} and {@code use=sig}. */
  abstract JWK generate(String kid) throws JOSEException;

  abstract JWSSigner signer(JWK privateJwk) throws JOSEException;
}
