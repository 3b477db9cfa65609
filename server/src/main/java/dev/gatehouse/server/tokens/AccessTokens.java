package dev.gatehouse.server.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Mints and verifies this server's JWT access tokens (RFC 9068). Header {@code typ: at+jwt}
 * (§2.1) and {@code kid}; claims {@code iss, exp, aud, sub, client_id, iat, jti} (§2.2),
 * {@code scope} (§2.2.3), {@code auth_time, acr, amr} when a user authenticated (§2.2.1),
 * {@code sid}, and the private {@code gid} naming the grant.
 */
public final class AccessTokens {
  static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
  /** Tokens whose signature was checked, remembered so introspection and userinfo do not check it again. */
  static final int VERIFIED_TOKENS_KEPT = 10_000;
  private final URI issuer;
  private final KeyRing keyRing;
  private final SigningAlgorithm algorithm;
  private final Clock clock;
  private final JwsVerifiers verifiers;
  private final VerifiedTokens verified;

  public AccessTokens(URI issuer, KeyRing keyRing, SigningAlgorithm algorithm, Clock clock) {
    this.issuer = issuer;
    this.keyRing = keyRing;
    this.algorithm = algorithm;
    this.clock = clock;
    this.verifiers = new JwsVerifiers(keyRing);
    this.verified = new VerifiedTokens(VERIFIED_TOKENS_KEPT, clock);
  }

  public IssuedAccessToken mint(AccessTokenClaims claims, Duration lifetime) {
    Instant now = clock.instant();
    Instant iat = Instant.ofEpochSecond(now.getEpochSecond());
    Instant exp = iat.plus(lifetime);
    String jti = UUID.randomUUID().toString();
    JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
        .issuer(issuer.toString())
        .subject(claims.subject())
        .audience(claims.audience())
        .expirationTime(Date.from(exp))
        .issueTime(Date.from(iat))
        .jwtID(jti)
        .claim("client_id", claims.clientId());
    if (!claims.scopes().isEmpty()) {
      // RFC 9068 §2.2.3: scope as a space-delimited string, as in RFC 8693 §4.2.
      set.claim("scope", String.join(" ", sorted(claims.scopes())));
    }
    if (claims.authTime() != null) {
      set.claim("auth_time", claims.authTime().getEpochSecond());
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
    if (claims.grantId() != null) {
      set.claim("gid", claims.grantId().toString());
    }
    SigningKey key = keyRing.signingKey(algorithm);
    JWSHeader header = key.header().type(AT_JWT).build();
    return new IssuedAccessToken(sign(header, set.build(), key), jti, iat, exp);
  }

  /**
   * Verifies a token this server issued: well-formed JWS, {@code typ at+jwt} (RFC 9068 §4: so an
   * ID token is never accepted as an access token), a published key of ours, a valid signature,
   * our {@code iss}, and {@code now < exp}. Empty for anything else; never throws on bad input.
   *
   * <p>A token already verified once (same bytes) skips the signature check: introspection and
   * userinfo are called with the same token many times (an ES256 verify costs about 3 signatures).
   * Expiry and the key still being published are checked on every call; revocation is the
   * caller's (it looks the grant up in the database every time).
   */
  public Optional<VerifiedAccessToken> verify(String token) {
    Instant now = clock.instant();
    VerifiedTokens.Entry seen = verified.get(token);
    if (seen != null) {
      // Same bytes, same valid signature: only what depends on time or the key ring is checked again.
      return now.isBefore(seen.token().expiresAt()) && verifiers.forKey(seen.kid(), seen.alg(), now).isPresent()
          ? Optional.of(seen.token()) : Optional.empty();
    }
    return verifyOnce(token, now);
  }

  private Optional<VerifiedAccessToken> verifyOnce(String token, Instant now) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      if (!AT_JWT.equals(header.getType())) {
        return Optional.empty();
      }
      Optional<JWSVerifier> verifier = verifiers.forKey(header.getKeyID(), header.getAlgorithm().getName(), now);
      if (verifier.isEmpty() || !jwt.verify(verifier.get())) {
        return Optional.empty();
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      if (!issuer.toString().equals(c.getIssuer()) || c.getExpirationTime() == null
          || !now.isBefore(c.getExpirationTime().toInstant()) || c.getSubject() == null
          || c.getJWTID() == null || c.getStringClaim("client_id") == null) {
        return Optional.empty();
      }
      String gid = c.getStringClaim("gid");
      String scope = c.getStringClaim("scope");
      VerifiedAccessToken verifiedToken = new VerifiedAccessToken(c.getJWTID(), c.getSubject(),
          c.getStringClaim("client_id"), c.getAudience(),
          scope == null ? Set.of() : Set.of(scope.split(" ")),
          c.getIssueTime() == null ? null : c.getIssueTime().toInstant(),
          c.getExpirationTime().toInstant(),
          c.getNotBeforeTime() == null ? null : c.getNotBeforeTime().toInstant(),
          gid == null ? null : UUID.fromString(gid), c.getIssuer());
      verified.put(token, new VerifiedTokens.Entry(verifiedToken, header.getKeyID(), header.getAlgorithm().getName()));
      return Optional.of(verifiedToken);
    } catch (ParseException | JOSEException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static String sign(JWSHeader header, JWTClaimsSet claims, SigningKey key) {
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign with key " + key.kid(), e);
    }
    return jwt.serialize();
  }

  static List<String> sorted(Set<String> values) {
    return List.copyOf(new java.util.TreeSet<>(values));
  }
}
