package dev.gatehouse.server.protocol.authorize;

import java.util.List;
import java.util.Map;

/**
 * The raw parameters of an authorization request as the HTTP adapter read them (RFC 6749 §3.1:
 * empty means omitted, no parameter twice), except {@code resource}, which RFC 8707 §2 lets a
 * client repeat to name several target services.
 */
public record AuthorizationParameters(Map<String, String> values, List<String> resources) {
  public AuthorizationParameters {
    values = Map.copyOf(values);
    resources = List.copyOf(resources);
  }

  public String get(String name) {
    return values.get(name);
  }
}
