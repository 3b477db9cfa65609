package dev.gatehouse.server.protocol;

import java.util.Optional;

/**
 * The one error type of the protocol layer (after fosite's {@code errors.go}): an {@link
 * OAuthError} carrying its status, a description that is safe to show the client, an optional
 * cause that is only ever logged, and — at the authorization endpoint, once the client and its
 * redirect URI are validated — the {@link RedirectTarget} the error goes back to (RFC 6749
 * §4.1.2.1). Without a target, an authorization-endpoint error is shown to the user as a page and
 * never redirected.
 */
public final class OAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final OAuthError error;
  private final String description;
  @SuppressWarnings("serial") // a record of strings; exceptions are never serialised here
  private final RedirectTarget redirect;

  public OAuthException(OAuthError error, String description) {
    this(error, description, null);
  }

  public OAuthException(OAuthError error, String description, Throwable cause) {
    this(error, description, cause, null);
  }

  private OAuthException(OAuthError error, String description, Throwable cause, RedirectTarget redirect) {
    super(error.code() + ": " + description, cause, false, false);
    this.error = error;
    this.description = description;
    this.redirect = redirect;
  }

  /** The same error, to be sent back to the client at {@code target}. */
  public OAuthException redirectTo(RedirectTarget target) {
    return new OAuthException(error, description, getCause(), target);
  }

  public OAuthError error() {
    return error;
  }

  /** Client-safe: never contains secrets, tokens or internal details. */
  public String description() {
    return description;
  }

  /** Where the error may be redirected; empty means "show it, never redirect". */
  public Optional<RedirectTarget> redirect() {
    return Optional.ofNullable(redirect);
  }
}
