package dev.gatehouse.verifier.internal;

import static dev.gatehouse.verifier.TokenVerificationException.Reason.EXPIRED;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.MISSING_CLAIM;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.NOT_YET_VALID;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.WRONG_AUDIENCE;
import static dev.gatehouse.verifier.TokenVerificationException.Reason.WRONG_ISSUER;

import dev.gatehouse.verifier.TokenVerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The claim checks of RFC 9068 §4 and RFC 7519 §4.1, in the order the RFC lists them. */
final class ClaimRules {
  private final String issuer;
  private final String audience;
  private final long skewSeconds;

  ClaimRules(String issuer, String audience, long skewSeconds) {
    this.issuer = issuer;
    this.audience = audience;
    this.skewSeconds = skewSeconds;
  }

  /** Checks {@code claims} at {@code now}; returns the audience list. */
  List<String> check(Map<String, Object> claims, long now) throws TokenVerificationException {
    // RFC 9068 §4 step 3: iss MUST exactly match the issuer identifier (no normalisation).
    Object iss = claims.get("iss");
    if (!issuer.equals(iss)) {
      throw new TokenVerificationException(WRONG_ISSUER, "iss is " + describe(iss) + ", expected " + issuer);
    }
    // RFC 9068 §4 step 4 / RFC 7519 §4.1.3: aud is a string or an array that must contain ours.
    List<String> aud = audiences(claims.get("aud"));
    if (!aud.contains(audience)) {
      throw new TokenVerificationException(WRONG_AUDIENCE, "aud is " + aud + ", expected to contain " + audience);
    }
    // RFC 9068 §4 step 6 / RFC 7519 §4.1.4: exp is required; reject once past it (plus skew).
    long exp = numericDate(claims, "exp");
    if (now > exp + skewSeconds) {
      throw new TokenVerificationException(EXPIRED, "expired " + (now - exp) + " s ago");
    }
    // RFC 7519 §4.1.5: nbf, when present, must have passed (minus skew).
    if (claims.containsKey("nbf") && numericDate(claims, "nbf") > now + skewSeconds) {
      throw new TokenVerificationException(NOT_YET_VALID, "nbf is " + (numericDate(claims, "nbf") - now) + " s ahead");
    }
    // RFC 9068 §2.2 requires iat; a token issued in the future (beyond skew) is not yet valid.
    long iat = numericDate(claims, "iat");
    if (iat > now + skewSeconds) {
      throw new TokenVerificationException(NOT_YET_VALID, "iat is " + (iat - now) + " s ahead");
    }
    // RFC 9068 §2.2: sub, client_id and jti are REQUIRED; scope, when present, is a string.
    requireString(claims, "sub");
    requireString(claims, "client_id");
    requireString(claims, "jti");
    if (claims.containsKey("scope") && !(claims.get("scope") instanceof String)) {
      throw new TokenVerificationException(MISSING_CLAIM, "scope must be a space-delimited string (RFC 9068 §2.2.3)");
    }
    if (claims.containsKey("sid") && !(claims.get("sid") instanceof String)) {
      throw new TokenVerificationException(MISSING_CLAIM, "sid must be a string");
    }
    return aud;
  }

  long expiresAt(Map<String, Object> claims) {
    return ((Number) claims.get("exp")).longValue() + skewSeconds;
  }

  private static List<String> audiences(Object aud) throws TokenVerificationException {
    if (aud instanceof String s) {
      return List.of(s);
    }
    if (aud instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new TokenVerificationException(WRONG_AUDIENCE, "aud holds a non-string value");
        }
        out.add(s);
      }
      return out;
    }
    throw new TokenVerificationException(WRONG_AUDIENCE, "aud is missing");
  }

  private static long numericDate(Map<String, Object> claims, String name) throws TokenVerificationException {
    if (claims.get(name) instanceof Number n) {
      return n.longValue();
    }
    throw new TokenVerificationException(MISSING_CLAIM, name + " is missing or not a NumericDate (RFC 7519 §2)");
  }

  private static void requireString(Map<String, Object> claims, String name) throws TokenVerificationException {
    if (!(claims.get(name) instanceof String s) || s.isEmpty()) {
      throw new TokenVerificationException(MISSING_CLAIM, name + " is missing or not a string (RFC 9068 §2.2)");
    }
  }

  private static String describe(Object value) {
    return value == null ? "missing" : "\"" + value + "\"";
  }
}
