package dev.gatehouse.server.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpHeader;

/** {@code GET /metrics} in the Prometheus text exposition format. */
public final class MetricsEndpoint {
  private final PrometheusMeterRegistry registry;

  public MetricsEndpoint(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public Route route() {
    return Route.get("/metrics", (request, response, callback) -> {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      HttpResponses.send(response, callback, 200,
          "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    });
  }
}
