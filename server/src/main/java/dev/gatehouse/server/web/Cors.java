package dev.gatehouse.server.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;

/**
 * CORS (W3C Fetch §3.2) for the endpoints browser apps call: discovery, JWKS, token, userinfo
 * and revocation. Only origins some client registered get {@code Access-Control-Allow-Origin},
 * echoed exactly (never {@code *}); credentials (cookies) are never allowed: browser apps
 * authenticate with PKCE and bearer tokens, not with cookies.
 */
public final class Cors {
  static final String ALLOWED_HEADERS = "Authorization, Content-Type";
  static final String EXPOSED_HEADERS = "WWW-Authenticate";
  static final String MAX_AGE = "600";
  private final Predicate<String> allowedOrigin;

  public Cors(Predicate<String> allowedOrigin) {
    this.allowedOrigin = allowedOrigin;
  }

  /** The route with CORS headers on every answer and an OPTIONS preflight endpoint. */
  public Route wrap(Route route) {
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    TreeSet<String> methods = new TreeSet<>(route.endpoints().keySet());
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    String allowMethods = String.join(", ", methods);
    route.endpoints().forEach((method, endpoint) -> endpoints.put(method, (request, response, callback) -> {
      allowOrigin(request.getHeaders().get(HttpHeader.ORIGIN), response);
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
      endpoint.handle(request, response, callback);
    }));
    endpoints.put("OPTIONS", (request, response, callback) -> {
      String origin = request.getHeaders().get(HttpHeader.ORIGIN);
      String requested = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
      // A preflight for a method the route does not answer gets no CORS headers: the browser
      // then refuses the actual request.
      if (requested != null && methods.contains(requested) && allowOrigin(origin, response)) {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, allowMethods);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
      }
      response.getHeaders().put(HttpHeader.ALLOW, allowMethods + ", OPTIONS");
      response.setStatus(204);
      callback.succeeded();
    });
    return new Route(route.path(), endpoints);
  }

  private boolean allowOrigin(String origin, Response response) {
    // Fetch §3.2.5: responses differ by Origin, so caches must key on it.
    response.getHeaders().add(HttpHeader.VARY, "Origin");
    if (origin != null && allowedOrigin.test(origin)) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      return true;
    }
    return false;
  }
}
