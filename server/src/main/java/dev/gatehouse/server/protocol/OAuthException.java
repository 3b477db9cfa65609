package dev.gatehouse.server.protocol;

/**
 * The one error type of the protocol layer (after fosite's {@code errors.go}): an {@link
 * OAuthError} carrying its status, a description that is safe to show the client, and an
 * optional cause that is only ever logged.
 */
public final class OAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final OAuthError error;
  private final String description;

  public OAuthException(OAuthError error, String description) {
    this(error, description, null);
  }

  public OAuthException(OAuthError error, String description, Throwable cause) {
    super(error.code() + ": " + description, cause, false, false);
    this.error = error;
    this.description = description;
  }

  public OAuthError error() {
    return error;
  }

  /** Client-safe: never contains secrets, tokens or internal details. */
  public String description() {
    return description;
  }
}
