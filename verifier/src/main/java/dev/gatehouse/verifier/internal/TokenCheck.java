package dev.gatehouse.verifier.internal;

import static dev.gatehouse.verifier.TokenVerificationException.Reason.ALGORITHM_NOT_ALLOWED;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.BAD_SIGNATURE;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.JWKS_UNAVAILABLE;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.KEY_MISMATCH;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.MALFORMED;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.UNKNOWN_KEY;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.WRONG_TYPE;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.verifier.TokenVerificationException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Verifies one compact JWS access token, cheapest and most telling checks first: structure,
 * header ({@code alg}, {@code typ}, {@code crit}), key, signature, then the claims. The payload
 * is parsed only after the signature verified (RFC 8725 §3.1: trust nothing before that).
 */
public final class TokenCheck {
  private final Set<JWSAlgorithm> allowed;
  private final JwksCache jwks;
  private final ClaimRules rules;

  /** The verified claims, audience list and signing key id. */
  public record Checked(Map<String, Object> claims, List<String> audience, String keyId, long cacheUntil) {}

  public TokenCheck(Set<JWSAlgorithm> allowed, JwksCache jwks, String issuer, String audience, long skewSeconds) {
    this.allowed = allowed;
    this.jwks = jwks;
    this.rules = new ClaimRules(issuer, audience, skewSeconds);
  }

  /** Verifies {@code token} at {@code now} (epoch seconds). */
  public Checked check(String token, long now) throws TokenVerificationException {
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot1 <= 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
      // RFC 7515 §7.1: three parts; five would be a JWE, which Gatehouse never issues.
      throw new TokenVerificationException(MALFORMED, "not a compact JWS (header.payload.signature)");
    }
    JWSHeader header = header(token.substring(0, dot1));
    KeySet.Key key = key(header);
    byte[] signingInput = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
    Base64URL signature = new Base64URL(token.substring(dot2 + 1));
    verifySignature(key, header, signingInput, signature);
    Map<String, Object> claims;
    try {
      claims = JSONObjectUtils.parse(new Base64URL(token.substring(dot1 + 1, dot2)).decodeToString());
    } catch (ParseException e) {
      throw new TokenVerificationException(MALFORMED, "payload is not a JSON object", e);
    }
    List<String> aud = rules.check(claims, now);
    return new Checked(claims, aud, key.jwk.getKeyID(), rules.expiresAt(claims));
  }

  private JWSHeader header(String encoded) throws TokenVerificationException {
    Header parsed;
    try {
      parsed = Header.parse(new Base64URL(encoded));
    } catch (ParseException e) {
      throw new TokenVerificationException(MALFORMED, "header is not valid JOSE JSON: " + e.getMessage(), e);
    }
    // RFC 8725 §3.1 / RFC 9068 §4 step 5: alg none (a PlainHeader) and anything outside the
    // allow-list (all HMAC algorithms included) are refused before any key is looked at.
    if (!(parsed instanceof JWSHeader header)) {
      throw new TokenVerificationException(ALGORITHM_NOT_ALLOWED, "alg " + parsed.getAlgorithm() + " is not a signature algorithm");
    }
    if (!allowed.contains(header.getAlgorithm())) {
      throw new TokenVerificationException(ALGORITHM_NOT_ALLOWED, "alg " + header.getAlgorithm() + " is not in the allow-list " + allowed);
    }
    // RFC 9068 §4 step 1 and RFC 8725 §3.11: typ must be at+jwt, compared case-insensitively
    // (RFC 7515 §4.1.9), with or without the "application/" prefix.
    JOSEObjectType typ = header.getType();
    String t = typ == null ? "" : typ.getType().toLowerCase(Locale.ROOT);
    if (!t.equals("at+jwt") && !t.equals("application/at+jwt")) {
      throw new TokenVerificationException(WRONG_TYPE, "typ is " + (typ == null ? "missing" : typ) + ", expected at+jwt");
    }
    // RFC 7515 §4.1.11: a critical extension we do not understand means reject.
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      throw new TokenVerificationException(MALFORMED, "unsupported critical header parameters " + header.getCriticalParams());
    }
    return header;
  }

  /**
   * Picks the key: only from the issuer's JWKS, never from {@code jku}, {@code x5u} or
   * {@code jwk} in the token (RFC 8725 §3.10). An unknown {@code kid} triggers one rate-limited,
   * single-flight refresh (the issuer may have rotated).
   */
  private KeySet.Key key(JWSHeader header) throws TokenVerificationException {
    JwksCache.Snapshot snapshot = snapshot(null);
    String kid = header.getKeyID();
    if (kid == null) {
      return keyWithoutKid(snapshot, header.getAlgorithm());
    }
    KeySet.Key key = snapshot.keys().byKid(kid);
    if (key == null) {
      key = snapshot(snapshot).keys().byKid(kid);
    }
    if (key == null) {
      throw new TokenVerificationException(UNKNOWN_KEY, "no key with kid " + kid + " in the issuer's JWKS");
    }
    String misfit = KeyFit.misfit(key.jwk, header.getAlgorithm());
    if (misfit != null) {
      throw new TokenVerificationException(KEY_MISMATCH, misfit);
    }
    return key;
  }

  private KeySet.Key keyWithoutKid(JwksCache.Snapshot snapshot, JWSAlgorithm alg) throws TokenVerificationException {
    KeySet.Key only = null;
    for (KeySet.Key k : snapshot.keys().all()) {
      if (KeyFit.misfit(k.jwk, alg) == null) {
        if (only != null) {
          throw new TokenVerificationException(UNKNOWN_KEY, "token has no kid and several keys fit " + alg);
        }
        only = k;
      }
    }
    if (only == null) {
      throw new TokenVerificationException(UNKNOWN_KEY, "token has no kid and no key fits " + alg);
    }
    return only;
  }

  private JwksCache.Snapshot snapshot(JwksCache.Snapshot stale) throws TokenVerificationException {
    try {
      return stale == null ? jwks.current() : jwks.refreshForUnknownKey(stale);
    } catch (JwksCache.JwksUnavailableException e) {
      throw new TokenVerificationException(JWKS_UNAVAILABLE, e.getMessage(), e);
    }
  }

  private static void verifySignature(KeySet.Key key, JWSHeader header, byte[] input, Base64URL signature)
      throws TokenVerificationException {
    boolean valid;
    try {
      valid = key.verifier().verify(header, input, signature);
    } catch (JOSEException e) {
      if (KeyFit.isEdDsa(header.getAlgorithm()) && !KeySet.Tink.PRESENT) {
        throw new TokenVerificationException(ALGORITHM_NOT_ALLOWED, e.getMessage(), e);
      }
      throw new TokenVerificationException(BAD_SIGNATURE, "signature check failed: " + e.getMessage(), e);
    }
    if (!valid) {
      throw new TokenVerificationException(BAD_SIGNATURE, "signature does not verify with key " + key.jwk.getKeyID());
    }
  }
}
