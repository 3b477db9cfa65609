package dev.gatehouse.server.protocol;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.tokens.KeyRing;
import java.security.Key;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads an {@code id_token_hint} (OIDC Core §3.1.2.1, RP-Initiated Logout 1.0 §2): an ID token
 * this server issued. Its signature must verify with one of our published keys and its {@code iss}
 * must be ours; an expired token is accepted, as both specs allow ("The OP need not be listed as
 * an audience... ID Token... MAY be expired").
 */
public final class IdTokenHints {
  private final KeyRing keyRing;
  private final String issuer;

  /** What the hint says: the subject, the audiences (client ids) and the session id if any. */
  public record IdTokenHint(String subject, List<String> audience, String sessionId) {
    public IdTokenHint {
      audience = List.copyOf(audience);
    }

    /** The single client the token was issued to (aud, or azp with several audiences). */
    public Optional<String> clientId() {
      return audience.size() == 1 ? Optional.of(audience.get(0)) : Optional.empty();
    }
  }

  public IdTokenHints(KeyRing keyRing, String issuer) {
    this.keyRing = keyRing;
    this.issuer = issuer;
  }

  /** The verified hint, or empty when it is malformed, not ours or its signature fails. */
  public Optional<IdTokenHint> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      String kid = jwt.getHeader().getKeyID();
      JWK jwk = kid == null ? null : keyRing.publishedJwks().getKeyByKeyId(kid);
      if (jwk == null || !verifies(jwt, jwk)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if (!issuer.equals(claims.getIssuer()) || claims.getSubject() == null) {
        return Optional.empty();
      }
      List<String> audience = claims.getAudience();
      String azp = claims.getStringClaim("azp");
      if (audience.size() > 1 && azp != null) {
        audience = List.of(azp);
      }
      return Optional.of(new IdTokenHint(claims.getSubject(), audience, claims.getStringClaim("sid")));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean verifies(SignedJWT jwt, JWK jwk) throws JOSEException {
    if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(jwt.getHeader().getAlgorithm().getName())) {
      return false; // the algorithm is fixed by the key, never chosen by the token
    }
    JWSVerifier verifier;
    if (jwk instanceof OctetKeyPair okp) {
      verifier = new Ed25519Verifier(okp.toPublicJWK());
    } else if (jwk instanceof AsymmetricJWK asymmetric) {
      Key key = asymmetric.toPublicKey();
      verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key);
    } else {
      return false;
    }
    return jwt.verify(verifier);
  }
}
