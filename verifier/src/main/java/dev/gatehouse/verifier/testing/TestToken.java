package dev.gatehouse.verifier.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fluent builder for an access token minted by a {@link TestIssuer}. Defaults make a valid
 * RFC 9068 token: {@code typ at+jwt}, the issuer's {@code iss}, {@code aud} {@link
 * TestIssuer#AUDIENCE}, {@code sub test-user}, {@code client_id test-client}, a random
 * {@code jti}, issued now, expiring in five minutes. Each setter overrides one part, so a test
 * states only what it is about.
 */
public final class TestToken {
  private final TestIssuer issuer;
  private final Map<String, Object> claims = new LinkedHashMap<>();
  private String type = "at+jwt";
  private String keyId;

  TestToken(TestIssuer issuer, Clock clock) {
    this.issuer = issuer;
    long now = clock.instant().getEpochSecond();
    claims.put("iss", issuer.issuer());
    claims.put("sub", "test-user");
    claims.put("aud", TestIssuer.AUDIENCE);
    claims.put("client_id", "test-client");
    claims.put("iat", now);
    claims.put("exp", now + 300);
    claims.put("jti", UUID.randomUUID().toString());
    this.keyId = issuer.currentKeyId();
  }

  /** {@code sub}. */
  public TestToken subject(String subject) {
    return claim("sub", subject);
  }

  /** {@code client_id}. */
  public TestToken clientId(String clientId) {
    return claim("client_id", clientId);
  }

  /** {@code iss}; default the test issuer's own identifier. */
  public TestToken issuer(String iss) {
    return claim("iss", iss);
  }

  /** {@code aud}: one value as a string, several as an array. */
  public TestToken audience(String... audiences) {
    return claim("aud", audiences.length == 1 ? audiences[0] : List.of(audiences));
  }

  /** {@code scope}, space-delimited. */
  public TestToken scope(String... scopes) {
    return claim("scope", String.join(" ", scopes));
  }

  /** {@code sid}. */
  public TestToken sessionId(String sid) {
    return claim("sid", sid);
  }

  /** {@code jti}; default a random UUID. */
  public TestToken jti(String jti) {
    return claim("jti", jti);
  }

  /** {@code iat}. */
  public TestToken issuedAt(Instant iat) {
    return claim("iat", iat.getEpochSecond());
  }

  /** {@code exp}. */
  public TestToken expiresAt(Instant exp) {
    return claim("exp", exp.getEpochSecond());
  }

  /** {@code exp} relative to {@code iat}. */
  public TestToken expiresIn(Duration lifetime) {
    return claim("exp", ((Number) claims.get("iat")).longValue() + lifetime.toSeconds());
  }

  /** {@code nbf}. */
  public TestToken notBefore(Instant nbf) {
    return claim("nbf", nbf.getEpochSecond());
  }

  /** Any claim; a {@code null} value removes it. */
  public TestToken claim(String name, Object value) {
    if (value == null) {
      claims.remove(name);
    } else {
      claims.put(name, value);
    }
    return this;
  }

  /** Removes a claim, e.g. {@code without("exp")}. */
  public TestToken without(String name) {
    return claim(name, null);
  }

  /** The {@code typ} header; default {@code at+jwt}; {@code null} omits it. */
  public TestToken type(String typ) {
    this.type = typ;
    return this;
  }

  /**
   * The {@code kid} header. Signs with the published key of that id if there is one, else with
   * the current key (a token naming a key the issuer never published).
   */
  public TestToken keyId(String kid) {
    this.keyId = kid;
    return this;
  }

  /** Signs and serializes the token. */
  public String sign() {
    JWK key = issuer.signingKeyFor(keyId);
    JWSHeader.Builder header = new JWSHeader.Builder(issuer.algorithm()).keyID(keyId);
    if (type != null) {
      header.type(new JOSEObjectType(type));
    }
    JWSObject jws = new JWSObject(header.build(), new Payload(claims));
    try {
      jws.sign(signer(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign test token", e);
    }
    return jws.serialize();
  }

  private static JWSSigner signer(JWK key) throws JOSEException {
    return switch (key) {
      case ECKey ec -> new ECDSASigner(ec);
      case RSAKey rsa -> new RSASSASigner(rsa);
      case OctetKeyPair okp -> new Ed25519Signer(okp);
      default -> throw new JOSEException("unsupported key " + key.getKeyType());
    };
  }
}
