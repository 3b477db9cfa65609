package dev.gatehouse.server.protocol.token;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful access token response (RFC 6749 §5.1, OIDC Core §3.1.3.3). {@code scope},
 * {@code refreshToken} and {@code idToken} may be {@code null}.
 */
public record TokenResponse(String accessToken, long expiresIn, String scope, String refreshToken, String idToken) {

  /** The JSON members, in the order of RFC 6749 §5.1. */
  public Map<String, Object> toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", accessToken);
    body.put("token_type", "Bearer");
    body.put("expires_in", expiresIn);
    if (scope != null) {
      body.put("scope", scope);
    }
    if (refreshToken != null) {
      body.put("refresh_token", refreshToken);
    }
    if (idToken != null) {
      body.put("id_token", idToken);
    }
    return body;
  }

  @Override
  public String toString() {
    return "TokenResponse[expiresIn=" + expiresIn + ", scope=" + scope + ", refresh=" + (refreshToken != null)
        + ", id_token=" + (idToken != null) + "]";
  }
}
