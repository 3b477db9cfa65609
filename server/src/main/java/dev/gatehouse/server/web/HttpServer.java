package dev.gatehouse.server.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The HTTP adapter: Jetty 12 core handlers on virtual threads, one {@link RouteHandler} per
 * {@link Route}, security headers on every response, JSON errors for everything (including
 * Jetty's own), and a graceful stop that lets in-flight requests finish.
 */
public final class HttpServer implements AutoCloseable {
  private static final Endpoint NOT_FOUND = (request, response, callback) -> {
    throw new OAuthException(OAuthError.NOT_FOUND, "No such endpoint.");
  };
  private static final Route UNMATCHED = new Route("unmatched", Map.of(
      "GET", NOT_FOUND, "POST", NOT_FOUND, "PUT", NOT_FOUND, "PATCH", NOT_FOUND,
      "DELETE", NOT_FOUND, "OPTIONS", NOT_FOUND));
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
  private final Server server;
  private final ServerConnector connector;

  public HttpServer(
      String host, int port, List<Route> routes, SecurityHeaders headers, MeterRegistry registry,
      Duration shutdownGrace) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("http");
    threads.setVirtualThreadsExecutor(new VirtualThreadPool());
    server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    http.setRequestHeaderSize(16 * 1024);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);

    PathMappingsHandler mappings = new PathMappingsHandler();
    for (Route route : routes) {
      mappings.addMapping(PathSpec.from(route.path()), new RouteHandler(route, registry));
    }
    mappings.addMapping(PathSpec.from("/"), new RouteHandler(UNMATCHED, registry));

    GracefulHandler graceful = new GracefulHandler(headers.wrap(mappings));
    server.setHandler(graceful);
    server.setErrorHandler(new JettyErrorHandler());
    server.setStopTimeout(shutdownGrace.toMillis());
    server.setStopAtShutdown(false);
  }

  public HttpServer start() {
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("could not start the HTTP server: " + e.getMessage(), e);
    }
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting requests, waits up to the grace period for in-flight ones, then stops. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (TimeoutException e) {
      // Jetty stops everything anyway; connections still open after the grace period are closed.
      log.warn("graceful stop did not finish within the grace period; closed the remaining connections");
    } catch (Exception e) {
      throw new IllegalStateException("HTTP server did not stop cleanly", e);
    }
  }

  Handler handler() {
    return server.getHandler();
  }
}
