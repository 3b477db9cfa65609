package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.protocol.ResponseMode;
import dev.gatehouse.server.store.RegisteredClient;

/**
 * The response type, response mode and request-object checks that run right after the redirect
 * URI is trusted, so their errors are redirected.
 */
final class ResponseTypeCheck {
  private ResponseTypeCheck() {}

  /** OAuth 2.0 Multiple Response Types §2.1 and Form Post Response Mode §2; default {@code query}. */
  static ResponseMode responseMode(String value) {
    if (value == null) {
      return ResponseMode.QUERY;
    }
    return ResponseMode.fromValue(value).orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST,
        "response_mode must be query, fragment or form_post."));
  }

  /**
   * OIDC Core §6.1/§6.2: an OP that does not support request objects returns
   * {@code request_not_supported} / {@code request_uri_not_supported}.
   */
  static void noRequestObject(AuthorizationParameters p) {
    if (p.get("request") != null) {
      throw new OAuthException(OAuthError.REQUEST_NOT_SUPPORTED, "Request objects are not supported.");
    }
    if (p.get("request_uri") != null) {
      throw new OAuthException(OAuthError.REQUEST_URI_NOT_SUPPORTED, "request_uri is not supported.");
    }
  }

  /** RFC 6749 §4.1.1 (REQUIRED, value "code") and OAuth 2.1 §4.1: only the code flow. */
  static void codeOnly(String responseType, RegisteredClient client) {
    if (responseType == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "The response_type parameter is missing.");
    }
    if (!"code".equals(responseType)) {
      throw new OAuthException(OAuthError.UNSUPPORTED_RESPONSE_TYPE,
          "Only response_type=code is supported.");
    }
    // RFC 6749 §4.1.2.1 unauthorized_client: not authorized to use this method.
    if (!client.grantTypes().contains("authorization_code")) {
      throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
          "This client is not registered for the authorization_code grant.");
    }
  }
}
