package dev.gatehouse.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.verifier.testing.TestIssuer;
import java.text.ParseException;
import java.time.Clock;

/**
 * What the verifier benchmarks share: a {@link TestIssuer} on 127.0.0.1 signing with one
 * algorithm and serving its JWKS, one RFC 9068 access token it minted (valid for an hour, far
 * longer than a run), and a nimbus verifier holding the issuer's public key for the raw rate.
 */
final class VerifierFixture implements AutoCloseable {
  /** Scopes of a typical access token, so the payload has a realistic size. */
  static final String SCOPES = "openid profile orders:read orders:write";

  final TestIssuer issuer;
  final String token;
  final SignedJWT parsed;
  final JWSVerifier raw;

  VerifierFixture(String alg) throws JOSEException, ParseException {
    issuer = TestIssuer.start(alg, Clock.systemUTC());
    try {
      token = mint();
      parsed = SignedJWT.parse(token);
      raw = rawVerifier(issuer.signingKey().toPublicJWK());
      if (!parsed.verify(raw)) {
        throw new IllegalStateException(alg + ": the benchmark token does not verify");
      }
    } catch (JOSEException | ParseException | RuntimeException e) {
      issuer.close();
      throw e;
    }
  }

  /** A new token from the issuer (distinct {@code jti}, so a distinct cache key). */
  String mint() {
    return issuer.token()
        .subject("user_01J9ZK3M7Q4W8E2R6T5Y1U0I9O")
        .clientId("mobile-app-ios")
        .scope(SCOPES)
        .expiresIn(java.time.Duration.ofHours(1))
        .sign();
  }

  private static JWSVerifier rawVerifier(JWK publicKey) throws JOSEException {
    return switch (publicKey) {
      case ECKey ec -> new ECDSAVerifier(ec);
      case RSAKey rsa -> new RSASSAVerifier(rsa);
      case OctetKeyPair okp -> new Ed25519Verifier(okp);
      default -> throw new IllegalArgumentException("unsupported key " + publicKey.getKeyType());
    };
  }

  @Override
  public void close() {
    issuer.close();
  }
}
