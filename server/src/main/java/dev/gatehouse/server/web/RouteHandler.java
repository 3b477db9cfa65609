package dev.gatehouse.server.web;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves one {@link Route}: picks the endpoint by method (405 with {@code Allow} otherwise),
 * turns anything it throws into an error response, and records the request in the
 * {@code http.server.requests} timer tagged with the route's path (not the raw URI, so the
 * number of series stays bounded).
 */
final class RouteHandler extends Handler.Abstract {
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private final Route route;
  private final String allow;
  private final MeterRegistry registry;
  private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  RouteHandler(Route route, MeterRegistry registry) {
    this.route = route;
    this.registry = registry;
    TreeSet<String> methods = new TreeSet<>(route.methods());
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    this.allow = String.join(", ", methods);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String method = KNOWN_METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
    Callback metered = new Callback.Nested(callback) {
      @Override
      public void succeeded() {
        record(method, response, start);
        super.succeeded();
      }

      @Override
      public void failed(Throwable failure) {
        record(method, response, start);
        super.failed(failure);
      }
    };
    Endpoint endpoint = route.endpoints().get("HEAD".equals(method) ? "GET" : method);
    try {
      if (endpoint == null) {
        throw new OAuthException(OAuthError.METHOD_NOT_ALLOWED,
            "Method " + method + " is not allowed here; use " + allow + ".");
      }
      endpoint.handle(request, response, metered);
    } catch (Exception e) {
      if (endpoint == null && !response.isCommitted()) {
        // RFC 9110 §15.5.6: a 405 lists the methods the resource supports.
        response.getHeaders().put(HttpHeader.ALLOW, allow);
      }
      ErrorRenderer.render(response, metered, e);
    }
    return true;
  }

  private void record(String method, Response response, long start) {
    timers.computeIfAbsent(new TimerKey(method, response.getStatus()), this::timer)
        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  private Timer timer(TimerKey key) {
    return Timer.builder("http.server.requests")
        .description("HTTP requests by route, method and status")
        .tag("route", route.path())
        .tag("method", key.method())
        .tag("status", Integer.toString(key.status()))
        .publishPercentileHistogram()
        .register(registry);
  }

  /** The timer of each method and status seen, so a request does not look its timer up in the registry. */
  private record TimerKey(String method, int status) {}

}
