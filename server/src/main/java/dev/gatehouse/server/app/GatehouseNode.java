package dev.gatehouse.server.app;

import dev.gatehouse.server.web.HealthEndpoints;
import dev.gatehouse.server.tokens.KeyRotationSchedule;
import dev.gatehouse.server.web.HttpServer;
import dev.gatehouse.server.web.JwksEndpoint;
import dev.gatehouse.server.web.MetricsEndpoint;
import dev.gatehouse.server.web.Route;
import dev.gatehouse.server.web.SecurityHeaders;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: one running Gatehouse node. Everything is wired here by constructor,
 * in start-up order; {@link #close()} undoes it in reverse (HTTP first, so in-flight requests
 * finish while the database is still there).
 */
public final class GatehouseNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatehouseNode.class);

  private final GatehouseConfig config;
  private final PrometheusMeterRegistry metrics;
  private final Storage storage;
  private final HttpServer http;
  private final JvmGcMetrics gcMetrics;
  private final KeyRotationSchedule keySchedule;

  private GatehouseNode(GatehouseConfig config, PrintWriter out) {
    this.config = config;
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(metrics);
    new JvmMemoryMetrics().bindTo(metrics);
    this.gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(metrics);
    new JvmThreadMetrics().bindTo(metrics);
    new ProcessorMetrics().bindTo(metrics);
    new UptimeMetrics().bindTo(metrics);

    this.storage = Storage.open(config, metrics, out);
    storage.database.migrate();
    Components components = new Components(config, storage, Clock.systemUTC());
    // First start: keys exist before the first request; later starts only load them.
    components.keyRotation.ensureKeys();
    components.keyRing.refresh();
    this.keySchedule = new KeyRotationSchedule(components.keyRotation, config.keyRotationCheckInterval());
    if (config.bootstrap()) {
      FirstStart.runIfEmpty(components, config.issuer(), out);
    }

    List<Route> routes = new ArrayList<>();
    HealthEndpoints health = new HealthEndpoints(storage.database::isReachable);
    routes.add(health.live());
    routes.add(health.ready());
    routes.add(new MetricsEndpoint(metrics).route());
    TokenSide tokenSide = new TokenSide(config, storage, components);
    routes.add(tokenSide.cors(new JwksEndpoint(components.keyRing).route()));
    routes.addAll(tokenSide.routes());

    this.http = new HttpServer(config.host(), config.port(), routes,
        new SecurityHeaders("https".equals(config.issuer().getScheme())), metrics,
        config.shutdownGracePeriod());
  }

  /** Builds and starts a node; the caller owns it and must close it. */
  public static GatehouseNode start(GatehouseConfig config, PrintWriter out) {
    GatehouseNode node = new GatehouseNode(config, out);
    try {
      node.http.start();
      node.keySchedule.start();
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    log.info("Gatehouse listening on http://{}:{} (issuer {})", config.host(), node.port(),
        config.issuer());
    return node;
  }

  public int port() {
    return http.port();
  }

  public URI issuer() {
    return config.issuer();
  }

  @Override
  public void close() {
    try {
      http.close();
    } finally {
      keySchedule.close();
      gcMetrics.close();
      storage.close();
      metrics.close();
    }
  }
}
