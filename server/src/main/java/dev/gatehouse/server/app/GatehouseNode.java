package dev.gatehouse.server.app;

import dev.gatehouse.server.admin.AuditEventsEndpoint;
import dev.gatehouse.server.app.kafka.KafkaEventPublisher;
import dev.gatehouse.server.events.AuditLog;
import dev.gatehouse.server.store.postgres.JdbiExpiredRows;
import dev.gatehouse.server.protocol.BearerAccess;
import dev.gatehouse.server.events.OutboxMetrics;
import dev.gatehouse.server.events.OutboxRelay;
import dev.gatehouse.server.client.ClientRegistrations;
import dev.gatehouse.server.identity.UserAccounts;
import dev.gatehouse.server.tokens.KeyRing;
import dev.gatehouse.server.web.HealthEndpoints;
import dev.gatehouse.server.tokens.KeyRotationSchedule;
import dev.gatehouse.server.web.AuthorizationEndpoints;
import dev.gatehouse.server.web.Cookies;
import dev.gatehouse.server.web.LogoutEndpoint;
import dev.gatehouse.server.web.HttpServer;
import dev.gatehouse.server.web.JwksEndpoint;
import dev.gatehouse.server.web.MetricsEndpoint;
import dev.gatehouse.server.web.Route;
import dev.gatehouse.server.web.SecurityHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
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
import java.time.Duration;
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
  private final OutboxRelay relay;
  private final Components components;
  private final ExpiredRowsCleanup cleanup;

  private GatehouseNode(GatehouseConfig config, PrintWriter out) {
    this.config = config;
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The embedded PostgreSQL starts on its own thread while everything that needs no database
    // is built; the first query waits for it (storage.awaitDatabase()).
    this.storage = Storage.begin(config, metrics, out);
    try {
      new ClassLoaderMetrics().bindTo(metrics);
      new JvmMemoryMetrics().bindTo(metrics);
      this.gcMetrics = new JvmGcMetrics();
      gcMetrics.bindTo(metrics);
      new JvmThreadMetrics().bindTo(metrics);
      new ProcessorMetrics().bindTo(metrics);
      new UptimeMetrics().bindTo(metrics);

      Components components = new Components(config, storage, Clock.systemUTC(), true);
      if (components.clientCache != null) {
        CaffeineCacheMetrics.monitor(metrics, components.clientCache.copies(), "gatehouse_clients");
      }
      this.components = components;
      this.http = new HttpServer(config.host(), config.port(), routes(config, storage, components, metrics),
          new SecurityHeaders("https".equals(config.issuer().getScheme())), metrics,
          config.shutdownGracePeriod());

      storage.awaitDatabase();
      storage.database.migrate();
      // First start: keys exist before the first request; later starts only load them.
      components.keyRotation.ensureKeys();
      components.keyRing.refresh();
      this.keySchedule = new KeyRotationSchedule(components.keyRotation, config.keyRotationCheckInterval());
      if (config.bootstrap()) {
        FirstStart.runIfEmpty(components, config.issuer(), out);
      }
      this.relay = config.kafka().isPresent() ? relay(config, components, metrics) : null;
      this.cleanup = new ExpiredRowsCleanup(new JdbiExpiredRows(storage.database.jdbi()), components.clock,
          config.cleanupInterval(), metrics);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  private static List<Route> routes(GatehouseConfig config, Storage storage, Components components,
      PrometheusMeterRegistry metrics) {
    List<Route> routes = new ArrayList<>();
    HealthEndpoints health = new HealthEndpoints(storage.database::isReachable);
    routes.add(health.live());
    routes.add(health.ready());
    routes.add(new MetricsEndpoint(metrics).route());
    TokenSide tokenSide = new TokenSide(config, storage, components);
    routes.add(tokenSide.cors(new JwksEndpoint(components.keyRing).route()));
    routes.addAll(tokenSide.routes());
    boolean https = "https".equals(config.issuer().getScheme());
    Cookies cookies = new Cookies(https);
    routes.addAll(new AuthorizationEndpoints(components.authorizationRequests, components.authorizationFlow,
        components.sessions, cookies, config.sessionLifetime()).routes());
    routes.add(new LogoutEndpoint(components.logout, components.sessions, cookies).route());
    routes.add(new AuditEventsEndpoint(new AuditLog(components.outbox), new BearerAccess(tokenSide.accessTokens,
        tokenSide.grants, tokenSide.revokedAccessTokens)).route());
    return routes;
  }

  /**
   * The outbox relay to Kafka and its backlog gauges. Without Kafka the outbox only fills (it is
   * the audit trail), so there is no relay and no backlog to watch.
   */
  private static OutboxRelay relay(GatehouseConfig config, Components components, MeterRegistry metrics) {
    GatehouseConfig.Kafka kafka = config.kafka().orElseThrow();
    OutboxMetrics.register(components.outbox, components.clock, Duration.ofSeconds(5), metrics);
    KafkaEventPublisher publisher = new KafkaEventPublisher(kafka.bootstrapServers(), kafka.topic(),
        "gatehouse-relay-" + config.issuer().getHost() + "-" + config.port());
    return new OutboxRelay(components.outbox, components.transactions, publisher, components.clock,
        metrics, OutboxRelay.Settings.defaults(config.outboxRetention()));
  }

  /** Builds and starts a node; the caller owns it and must close it. */
  public static GatehouseNode start(GatehouseConfig config, PrintWriter out) {
    GatehouseNode node = new GatehouseNode(config, out);
    try {
      if (node.components.clientChanges != null) {
        node.components.clientChanges.start();
      }
      node.http.start();
      node.keySchedule.start();
      node.cleanup.start();
      if (node.relay != null) {
        node.relay.start();
      }
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

  /** Client registration, as the CLI and the admin API use it. */
  public ClientRegistrations clients() {
    return components.clients;
  }

  /** User accounts, as the CLI and the admin API use them. */
  public UserAccounts users() {
    return components.users;
  }

  /** The signing keys (tests sign ID tokens with them to act as a previous login). */
  public KeyRing keyRing() {
    return components.keyRing;
  }

  public URI issuer() {
    return config.issuer();
  }

  @Override
  public void close() {
    try {
      http.close();
    } finally {
      if (relay != null) {
        relay.close();
      }
      keySchedule.close();
      cleanup.close();
      if (components.clientChanges != null) {
        components.clientChanges.close();
      }
      gcMetrics.close();
      storage.close();
      metrics.close();
    }
  }
}
