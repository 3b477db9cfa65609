package dev.gatehouse.verifier;

/**
 * A {@link TokenClient} could not obtain a token. {@link #statusCode()} is the token endpoint's
 * HTTP status (0 when it was not reached); {@link #error()} is the OAuth error code of a 4xx
 * answer (RFC 6749 §5.2), such as {@code invalid_client}.
 */
public final class TokenRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String error;

  /** Creates an exception for a failed token request. */
  public TokenRequestException(String message, int statusCode, String error, Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.error = error;
  }

  /** The HTTP status, or 0 when the endpoint was not reached. */
  public int statusCode() {
    return statusCode;
  }

  /** The OAuth {@code error} code, or {@code null}. */
  public String error() {
    return error;
  }

  /** Whether a later attempt may succeed: network errors and 5xx, not 4xx. */
  public boolean isRetryable() {
    return statusCode == 0 || statusCode >= 500;
  }
}
