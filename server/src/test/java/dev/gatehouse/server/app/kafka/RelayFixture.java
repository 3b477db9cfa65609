package dev.gatehouse.server.app.kafka;

import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.events.EventPublisher;
import dev.gatehouse.server.events.OutboxRelay;
import dev.gatehouse.server.store.Outbox;
import dev.gatehouse.server.store.Transactions;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import dev.gatehouse.server.store.postgres.JdbiTransactions;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A "node" for relay tests: its own pool on a shared test database, an outbox and a relay factory. */
final class RelayFixture implements AutoCloseable {
  static final URI ISSUER = URI.create("https://id.example.com");
  static final OutboxRelay.Settings FAST = new OutboxRelay.Settings(100, Duration.ofMillis(20),
      Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofDays(7), Duration.ofMinutes(1));

  final PostgresDatabase db;
  final Outbox outbox;
  final Transactions transactions;
  final EventLog events;
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  RelayFixture(PostgresDatabase db) {
    this.db = db;
    this.outbox = new JdbiOutbox(db.jdbi());
    this.transactions = new JdbiTransactions(db.jdbi());
    this.events = new EventLog(outbox, ISSUER);
  }

  OutboxRelay relay(EventPublisher publisher) {
    return new OutboxRelay(outbox, transactions, publisher, Clock.systemUTC(), metrics, FAST);
  }

  static KafkaEventPublisher kafka(String bootstrapServers, String topic) {
    return new KafkaEventPublisher(bootstrapServers, topic, "test-relay-" + UUID.randomUUID());
  }

  /**
   * Records {@code perAggregate} events for each of {@code aggregates} users, interleaved, each
   * in its own transaction; returns the event ids in commit order.
   */
  List<String> recordInterleaved(int aggregates, int perAggregate) {
    List<String> users = new ArrayList<>();
    for (int a = 0; a < aggregates; a++) {
      users.add(UUID.randomUUID().toString());
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < perAggregate; i++) {
      for (String user : users) {
        AuthEvent event = i % 2 == 0
            ? new AuthEvent.UserDisabled(user, Instant.now())
            : new AuthEvent.UserEnabled(user, Instant.now());
        transactions.run(() -> events.record(event));
      }
    }
    // The ids are generated inside EventLog: read them back in append order.
    ids.addAll(db.jdbi().withHandle(h -> h.createQuery(
        "SELECT id::text FROM outbox_events ORDER BY position").mapTo(String.class).list()));
    return ids;
  }

  long backlog() {
    return outbox.backlog().events();
  }

  double counter(String name) {
    return metrics.get(name).counter().count();
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  @Override
  public void close() {
    metrics.close();
  }
}
