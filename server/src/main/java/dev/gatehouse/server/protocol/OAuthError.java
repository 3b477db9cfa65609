package dev.gatehouse.server.protocol;

/**
 * Every error code Gatehouse returns, with its HTTP status. The OAuth codes are those of
 * RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1 and RFC 7009 §2.2.1; the last group are
 * Gatehouse's own codes for paths outside OAuth (health, metrics, unknown routes).
 */
public enum OAuthError {
  INVALID_REQUEST("invalid_request", 400),
  INVALID_CLIENT("invalid_client", 401),
  INVALID_GRANT("invalid_grant", 400),
  UNAUTHORIZED_CLIENT("unauthorized_client", 400),
  UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
  UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
  UNSUPPORTED_TOKEN_TYPE("unsupported_token_type", 400),
  INVALID_SCOPE("invalid_scope", 400),
  /** RFC 8707 §2: a {@code resource} the client may not get a token for. */
  INVALID_TARGET("invalid_target", 400),
  ACCESS_DENIED("access_denied", 403),
  INVALID_TOKEN("invalid_token", 401),
  INSUFFICIENT_SCOPE("insufficient_scope", 403),
  SERVER_ERROR("server_error", 500),
  // Authorization endpoint: OIDC Core §3.1.2.6 (prompt/interaction, request objects),
  // RFC 8707 §2 (invalid_target). Always redirected once the redirect URI is validated.
  LOGIN_REQUIRED("login_required", 400),
  CONSENT_REQUIRED("consent_required", 400),
  INTERACTION_REQUIRED("interaction_required", 400),
  ACCOUNT_SELECTION_REQUIRED("account_selection_required", 400),
  REQUEST_NOT_SUPPORTED("request_not_supported", 400),
  REQUEST_URI_NOT_SUPPORTED("request_uri_not_supported", 400),
  INVALID_REQUEST_OBJECT("invalid_request_object", 400),
  REGISTRATION_NOT_SUPPORTED("registration_not_supported", 400),
  TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
  NOT_FOUND("not_found", 404),
  METHOD_NOT_ALLOWED("method_not_allowed", 405),
  REQUEST_TOO_LARGE("request_too_large", 413);

  private final String code;
  private final int status;

  OAuthError(String code, int status) {
    this.code = code;
    this.status = status;
  }

  /** The wire value of the {@code error} parameter. */
  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** The code for an HTTP status Jetty produced before any endpoint ran (bad URI, headers too large...). */
  public static OAuthError forStatus(int status) {
    return switch (status) {
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 413, 414, 431 -> REQUEST_TOO_LARGE;
      case 503 -> TEMPORARILY_UNAVAILABLE;
      default -> status >= 500 ? SERVER_ERROR : INVALID_REQUEST;
    };
  }
}
