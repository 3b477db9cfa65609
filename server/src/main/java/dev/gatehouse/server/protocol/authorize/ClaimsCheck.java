package dev.gatehouse.server.protocol.authorize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** OIDC Core §5.5 ({@code claims}) and RFC 8707 §2 ({@code resource}). */
final class ClaimsCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClaimsCheck() {}

  /**
   * OIDC Core §5.5: "a JSON object" whose {@code userinfo} and {@code id_token} members, when
   * present, are objects. Returned re-serialised (compact) for the grant; null when absent.
   */
  static String claims(String value) {
    if (value == null) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "The claims parameter is not valid JSON.");
    }
    if (node == null || !node.isObject()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "The claims parameter must be a JSON object.");
    }
    for (String member : List.of("userinfo", "id_token")) {
      JsonNode m = node.get(member);
      if (m != null && !m.isObject() && !m.isNull()) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "The claims parameter's '" + member + "' member must be a JSON object.");
      }
    }
    return node.toString();
  }

  /** RFC 8707 §2: each resource "MUST be an absolute URI" and "MUST NOT include a fragment". */
  static List<String> resources(List<String> values) {
    for (String value : values) {
      URI uri;
      try {
        uri = new URI(value);
      } catch (URISyntaxException e) {
        throw new OAuthException(OAuthError.INVALID_TARGET, "A resource is not a valid URI.");
      }
      if (!uri.isAbsolute() || uri.getRawFragment() != null) {
        throw new OAuthException(OAuthError.INVALID_TARGET,
            "Each resource must be an absolute URI without a fragment (RFC 8707 §2).");
      }
    }
    return values.stream().distinct().toList();
  }
}
