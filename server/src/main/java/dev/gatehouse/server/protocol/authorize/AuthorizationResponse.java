package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.protocol.RedirectTarget;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful authorization response (RFC 6749 §4.1.2): {@code code}, {@code state} when the
 * request had one, and {@code iss} (RFC 9207 §2), for the HTTP adapter to deliver by the
 * target's response mode.
 */
public record AuthorizationResponse(RedirectTarget target, Map<String, String> parameters) {
  public AuthorizationResponse {
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  static AuthorizationResponse code(RedirectTarget target, String code) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("code", code);
    // RFC 6749 §4.1.2: state is REQUIRED in the response if it was present in the request.
    if (target.state() != null) {
      p.put("state", target.state());
    }
    // RFC 9207 §2: "the authorization server MUST ... add the iss parameter".
    p.put("iss", target.issuer());
    return new AuthorizationResponse(target, p);
  }
}
