package dev.gatehouse.server.web;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpHeader;

/**
 * {@code /health/live}: the process serves HTTP. {@code /health/ready}: it can also reach its
 * database, so a load balancer should send it traffic. Readiness is checked on every call (a
 * pooled connection validation), so it turns ready again by itself when the database returns.
 */
public final class HealthEndpoints {
  private final BooleanSupplier databaseReachable;

  public HealthEndpoints(BooleanSupplier databaseReachable) {
    this.databaseReachable = databaseReachable;
  }

  public Route live() {
    return Route.get("/health/live", (request, response, callback) -> {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      HttpResponses.json(response, callback, 200, Map.of("status", "UP"));
    });
  }

  public Route ready() {
    return Route.get("/health/ready", (request, response, callback) -> {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      boolean database = databaseReachable.getAsBoolean();
      if (!database) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, ErrorRenderer.RETRY_AFTER_SECONDS);
      }
      HttpResponses.json(response, callback, database ? 200 : 503, Map.of(
          "status", database ? "UP" : "DOWN",
          "checks", Map.of("database", database ? "UP" : "DOWN")));
    });
  }
}
