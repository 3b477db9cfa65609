package dev.gatehouse.server.web;

import java.util.Map;
import java.util.Set;

/**
 * A path and the endpoint for each HTTP method it answers. {@code HEAD} is answered wherever
 * {@code GET} is; other methods get 405 with {@code Allow}.
 *
 * @param path an exact path such as {@code /health/live}
 */
public record Route(String path, Map<String, Endpoint> endpoints) {
  public Route {
    endpoints = Map.copyOf(endpoints);
  }

  public static Route get(String path, Endpoint endpoint) {
    return new Route(path, Map.of("GET", endpoint));
  }

  public static Route getAndPost(String path, Endpoint endpoint) {
    return new Route(path, Map.of("GET", endpoint, "POST", endpoint));
  }

  public static Route post(String path, Endpoint endpoint) {
    return new Route(path, Map.of("POST", endpoint));
  }

  Set<String> methods() {
    return endpoints.keySet();
  }
}
