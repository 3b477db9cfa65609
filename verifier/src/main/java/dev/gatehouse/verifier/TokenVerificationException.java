package dev.gatehouse.verifier;

import java.util.Objects;

/**
 * The one exception {@link JwtVerifier#verify(String)} throws. {@link #reason()} says why the
 * token was refused; the message adds detail for logs and is safe to log (it never contains the
 * token itself). Map a reason to an HTTP response with {@link Reason#bearerErrorCode()}.
 */
public final class TokenVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** {@code exp} is in the past, beyond the clock skew (RFC 7519 §4.1.4). */
    EXPIRED,
    /** {@code nbf} or {@code iat} is in the future, beyond the clock skew (RFC 7519 §4.1.5/6). */
    NOT_YET_VALID,
    /** {@code iss} is not exactly the configured issuer (RFC 9068 §4 step 3). */
    WRONG_ISSUER,
    /** {@code aud} does not contain the configured audience (RFC 9068 §4 step 4). */
    WRONG_AUDIENCE,
    /** The {@code typ} header is not {@code at+jwt} (RFC 9068 §4 step 1, RFC 8725 §3.11). */
    WRONG_TYPE,
    /** {@code alg} is {@code none}, HMAC, or outside the allow-list (RFC 8725 §3.1, §3.2). */
    ALGORITHM_NOT_ALLOWED,
    /** No key in the issuer's JWKS has the token's {@code kid}, even after a refresh. */
    UNKNOWN_KEY,
    /** The key named by {@code kid} does not fit the token: wrong {@code kty}, {@code use} or {@code alg}. */
    KEY_MISMATCH,
    /** The signature does not verify with the issuer's key (RFC 7515 §5.2). */
    BAD_SIGNATURE,
    /** Not a compact JWS with three parts, or its header or claims are not valid JSON. */
    MALFORMED,
    /** A claim RFC 9068 §2.2 requires ({@code exp}, {@code sub}, {@code client_id}, {@code iat}, {@code jti}) is missing or of the wrong type. */
    MISSING_CLAIM,
    /** The token is longer than the configured maximum; it was not parsed. */
    TOO_LARGE,
    /** The token lacks a scope the verifier requires (RFC 6750 §3.1 {@code insufficient_scope}). */
    INSUFFICIENT_SCOPE,
    /** The token was revoked through {@link Revocations} (by {@code jti}, {@code sid} or subject). */
    REVOKED,
    /** The issuer's JWKS could not be fetched and no cached copy exists: not the client's fault. */
    JWKS_UNAVAILABLE;

    /**
     * The RFC 6750 §3.1 error code for a {@code WWW-Authenticate: Bearer} challenge:
     * {@code insufficient_scope} (HTTP 403) for {@link #INSUFFICIENT_SCOPE}, {@code null} for
     * {@link #JWKS_UNAVAILABLE} (answer 503: the token may be fine), {@code invalid_token} (HTTP
     * 401) otherwise.
     */
    public String bearerErrorCode() {
      return switch (this) {
        case INSUFFICIENT_SCOPE -> "insufficient_scope";
        case JWKS_UNAVAILABLE -> null;
        default -> "invalid_token";
      };
    }

    /** The HTTP status a resource server should answer with: 401, 403 or 503. */
    public int httpStatus() {
      return switch (this) {
        case INSUFFICIENT_SCOPE -> 403;
        case JWKS_UNAVAILABLE -> 503;
        default -> 401;
      };
    }
  }

  private final Reason reason;

  /** Creates an exception with a reason and a log-safe message. */
  public TokenVerificationException(Reason reason, String message) {
    this(reason, message, null);
  }

  /** Creates an exception with a reason, a log-safe message and a cause. */
  public TokenVerificationException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
    this.reason = reason;
  }

  /** Why the token was refused. */
  public Reason reason() {
    return reason;
  }
}
