package dev.gatehouse.verifier.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** How a {@code TokenClient} authenticates to the token endpoint. */
public sealed interface ClientAuthentication {
  /** Adds credentials to the request and/or the form. */
  void apply(HttpRequest.Builder request, Map<String, String> form, URI tokenEndpoint);

  /**
   * {@code client_secret_basic} (RFC 6749 §2.3.1): id and secret are each form-urlencoded,
   * then joined with a colon and base64-encoded. Skipping the urlencoding breaks on secrets with
   * {@code :} or {@code %}.
   */
  record SecretBasic(String clientId, String clientSecret) implements ClientAuthentication {
    @Override
    public void apply(HttpRequest.Builder request, Map<String, String> form, URI tokenEndpoint) {
      String pair = encode(clientId) + ":" + encode(clientSecret);
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "SecretBasic[clientId=" + clientId + "]"; // never the secret
    }

    private static String encode(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }

  /**
   * {@code private_key_jwt} (RFC 7523 §2.2, §3; OIDC Core §9): a short-lived JWT signed with the
   * client's key, {@code iss} = {@code sub} = client id, {@code aud} = the token endpoint, a
   * fresh {@code jti} each time.
   */
  record PrivateKeyJwt(String clientId, JWK key, Clock clock) implements ClientAuthentication {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final long LIFETIME_SECONDS = 60;

    public PrivateKeyJwt {
      if (!key.isPrivate()) {
        throw new IllegalArgumentException("private_key_jwt needs a private key");
      }
      if (!(key instanceof ECKey) && !(key instanceof RSAKey)) {
        throw new IllegalArgumentException("private_key_jwt supports EC and RSA keys");
      }
    }

    @Override
    public void apply(HttpRequest.Builder request, Map<String, String> form, URI tokenEndpoint) {
      form.put("client_id", clientId);
      form.put("client_assertion_type", ASSERTION_TYPE);
      form.put("client_assertion", assertion(tokenEndpoint));
    }

    String assertion(URI tokenEndpoint) {
      Instant now = clock.instant();
      JWTClaimsSet claims = new JWTClaimsSet.Builder()
          .issuer(clientId)
          .subject(clientId)
          .audience(tokenEndpoint.toString())
          .jwtID(UUID.randomUUID().toString())
          .issueTime(Date.from(now))
          .expirationTime(Date.from(now.plusSeconds(LIFETIME_SECONDS)))
          .build();
      try {
        JWSAlgorithm alg = key.getAlgorithm() != null ? JWSAlgorithm.parse(key.getAlgorithm().getName())
            : key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
        JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
        jwt.sign(signer);
        return jwt.serialize();
      } catch (JOSEException e) {
        throw new IllegalStateException("cannot sign the client assertion", e);
      }
    }

    @Override
    public String toString() {
      return "PrivateKeyJwt[clientId=" + clientId + ", kid=" + key.getKeyID() + "]";
    }
  }
}
