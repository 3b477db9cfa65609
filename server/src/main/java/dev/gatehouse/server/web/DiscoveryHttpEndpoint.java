package dev.gatehouse.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;

/**
 * {@code GET /.well-known/openid-configuration} (OIDC Discovery 1.0 §4) and {@code GET
 * /.well-known/oauth-authorization-server} (RFC 8414 §3): the same metadata document, rendered
 * once, cacheable for five minutes like the JWKS.
 */
public final class DiscoveryHttpEndpoint {
  private final byte[] document;

  public DiscoveryHttpEndpoint(Map<String, Object> metadata) {
    try {
      this.document = HttpResponses.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metadata)
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metadata is not serialisable", e);
    }
  }

  public List<Route> routes() {
    Endpoint serve = (request, response, callback) -> {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, JwksEndpoint.CACHE_CONTROL);
      HttpResponses.send(response, callback, 200, "application/json", document);
    };
    return List.of(Route.get("/.well-known/openid-configuration", serve),
        Route.get("/.well-known/oauth-authorization-server", serve));
  }
}
