package dev.gatehouse.server.tokens;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/** Mints ID tokens (OIDC Core §2, §3.1.3.6), signed with the client's registered algorithm. */
public final class IdTokens {
  private final URI issuer;
  private final KeyRing keyRing;
  private final Clock clock;

  public IdTokens(URI issuer, KeyRing keyRing, Clock clock) {
    this.issuer = issuer;
    this.keyRing = keyRing;
    this.clock = clock;
  }

  /** @param algorithm the client's {@code id_token_signed_response_alg} (OIDC Core §3.1.3.7 item 7) */
  public String mint(IdTokenClaims claims, SigningAlgorithm algorithm, Duration lifetime) {
    Instant iat = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
    for (Map.Entry<String, Object> claim : claims.userClaims().entrySet()) {
      set.claim(claim.getKey(), claim.getValue());
    }
    // OIDC Core §2: iss, sub, aud, exp, iat are REQUIRED; azp names the authorized party.
    set.issuer(issuer.toString())
        .subject(claims.subject())
        .audience(claims.clientId())
        .expirationTime(Date.from(iat.plus(lifetime)))
        .issueTime(Date.from(iat))
        .claim("azp", claims.clientId());
    if (claims.authTime() != null) {
      set.claim("auth_time", claims.authTime().getEpochSecond());
    }
    if (claims.nonce() != null) {
      set.claim("nonce", claims.nonce());
    }
    if (claims.acr() != null) {
      set.claim("acr", claims.acr());
    }
    if (!claims.amr().isEmpty()) {
      set.claim("amr", claims.amr());
    }
    if (claims.sessionId() != null) {
      set.claim("sid", claims.sessionId());
    }
    if (claims.accessToken() != null) {
      set.claim("at_hash", atHash(claims.accessToken(), algorithm));
    }
    SigningKey key = keyRing.signingKey(algorithm);
    JWSHeader header = key.header().type(JOSEObjectType.JWT).build();
    return AccessTokens.sign(header, set.build(), key);
  }

  /**
   * OIDC Core §3.1.3.6: "Its value is the base64url encoding of the left-most half of the hash of
   * the octets of the ASCII representation of the access_token value, where the hash algorithm
   * used is the hash algorithm used in the alg Header Parameter of the ID Token's JOSE Header."
   * SHA-256 for RS256 and ES256; SHA-512 for EdDSA with Ed25519 (OIDC Core errata set 2).
   */
  public static String atHash(String accessToken, SigningAlgorithm algorithm) {
    String digest = algorithm == SigningAlgorithm.EDDSA ? "SHA-512" : "SHA-256";
    try {
      byte[] hash = MessageDigest.getInstance(digest).digest(accessToken.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(digest + " is unavailable", e);
    }
  }
}
