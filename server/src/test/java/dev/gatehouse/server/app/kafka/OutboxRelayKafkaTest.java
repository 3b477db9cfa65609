package dev.gatehouse.server.app.kafka;

import static dev.gatehouse.server.app.kafka.RelayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.events.AuthEvent;
import dev.gatehouse.server.events.EventPublisher;
import dev.gatehouse.server.events.OutboxRelay;
import dev.gatehouse.server.store.OutboxEvent;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestKafka;
import dev.gatehouse.server.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay against a real in-process KRaft broker (issue 5, "Tests"): keys and
 * per-aggregate order, rollback, broker outage, parallel relays, a node dying mid-relay.
 */
class OutboxRelayKafkaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATABASE = TestPostgres.createDatabase();
  private static final PostgresDatabase db = TestPostgres.open(DATABASE, 4);
  private static final RelayFixture node = new RelayFixture(db);
  private String topic;

  @AfterAll
  static void close() {
    node.close();
    db.close();
  }

  @BeforeEach
  void freshTopicAndEmptyOutbox() {
    db.jdbi().useHandle(h -> h.execute("DELETE FROM outbox_events"));
    topic = TestKafka.freshTopic(3);
  }

  @Test
  void whenEventsCommitThenEachArrivesOnceKeyedByAggregateInPerAggregateOrder() throws Exception {
    List<String> ids = node.recordInterleaved(5, 40);

    try (OutboxRelay relay = node.relay(RelayFixture.kafka(TestKafka.bootstrapServers(), topic))) {
      relay.start();
      await("the outbox to drain", Duration.ofSeconds(30), () -> node.backlog() == 0);
    }

    List<ConsumerRecord<String, String>> records = TestKafka.readAll(topic, ids.size());
    assertThat(records).hasSize(ids.size());
    assertThat(idsOf(records)).containsExactlyInAnyOrderElementsOf(ids);
    assertPerAggregateOrder(records, ids);
    for (ConsumerRecord<String, String> r : records) {
      JsonNode event = JSON.readTree(r.value());
      assertThat(r.key()).isEqualTo(event.get("subject").asText());
      assertThat(event.get("specversion").asText()).isEqualTo("1.0");
      assertThat(new String(r.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
          .isEqualTo("application/cloudevents+json; charset=UTF-8");
      assertThat(r.timestamp()).isEqualTo(Instant.parse(event.get("time").asText()).toEpochMilli());
    }
    assertThat(node.counter("gatehouse.outbox.published")).isGreaterThanOrEqualTo(ids.size());
  }

  @Test
  void whenTheTransactionRollsBackThenNothingIsPublished() throws Exception {
    String user = UUID.randomUUID().toString();
    assertThatThrownBy(() -> node.transactions.run(() -> {
      node.events.record(new AuthEvent.UserDisabled(user, Instant.now()));
      throw new IllegalStateException("the state change failed");
    })).hasMessage("the state change failed");
    node.transactions.run(() -> node.events.record(new AuthEvent.UserEnabled(user, Instant.now())));

    try (OutboxRelay relay = node.relay(RelayFixture.kafka(TestKafka.bootstrapServers(), topic))) {
      relay.start();
      await("the outbox to drain", Duration.ofSeconds(30), () -> node.backlog() == 0);
    }

    // Give a wrongly published event time to show up after the committed one.
    List<ConsumerRecord<String, String>> records =
        TestKafka.readUntil(topic, r -> false, Duration.ofSeconds(2));
    assertThat(records).hasSize(1);
    assertThat(JSON.readTree(records.get(0).value()).get("type").asText())
        .isEqualTo("dev.gatehouse.user.enabled");
  }

  @Test
  void whenKafkaIsUnreachableThenEventsWaitAndAreAllDeliveredOnceItIsBack() throws Exception {
    String nowhere = "127.0.0.1:" + closedPort();
    List<String> ids = node.recordInterleaved(4, 25);
    double failuresBefore = node.counter("gatehouse.outbox.publish.failures");

    try (OutboxRelay relay = node.relay(RelayFixture.kafka(nowhere, topic))) {
      relay.start();
      await("a failed attempt", Duration.ofSeconds(30),
          () -> node.counter("gatehouse.outbox.publish.failures") > failuresBefore);
      assertThat(node.backlog()).as("nothing leaves the outbox unacknowledged").isEqualTo(ids.size());
      // Writes keep working while the relay fails: they never wait for Kafka.
      node.transactions.run(() -> node.events.record(
          new AuthEvent.UserDisabled(UUID.randomUUID().toString(), Instant.now())));
    }
    try (OutboxRelay relay = node.relay(RelayFixture.kafka(TestKafka.bootstrapServers(), topic))) {
      relay.start();
      await("the outbox to drain", Duration.ofSeconds(30), () -> node.backlog() == 0);
    }
    assertThat(Set.copyOf(idsOf(TestKafka.readAll(topic, ids.size() + 1)))).containsAll(ids).hasSize(ids.size() + 1);
  }

  @Test
  void whenTheBrokerStopsAndRestartsThenEveryEventIsDeliveredNoneLost() throws Exception {
    try (OutboxRelay relay = node.relay(RelayFixture.kafka(TestKafka.bootstrapServers(), topic))) {
      relay.start();
      List<String> before = node.recordInterleaved(3, 10);
      await("the first events to be published", Duration.ofSeconds(30), () -> node.backlog() == 0);

      double failuresBefore = node.counter("gatehouse.outbox.publish.failures");
      TestKafka.stopBroker();
      List<String> during;
      try {
        List<String> all = node.recordInterleaved(3, 30);
        during = all.subList(before.size(), all.size());
        await("the relay to notice the outage", Duration.ofSeconds(40),
            () -> node.counter("gatehouse.outbox.publish.failures") > failuresBefore);
        assertThat(node.backlog()).isEqualTo(during.size());
      } finally {
        TestKafka.startBroker();
      }
      await("the backlog to drain after the broker returns", Duration.ofSeconds(60),
          () -> node.backlog() == 0);

      List<String> expected = new ArrayList<>(before);
      expected.addAll(during);
      List<ConsumerRecord<String, String>> records = TestKafka.readAll(topic, expected.size());
      assertThat(Set.copyOf(idsOf(records))).containsExactlyInAnyOrderElementsOf(expected);
      assertDuplicatesAreIdentical(records);
      assertPerAggregateOrder(records, expected);
    }
  }

  @Test
  void whenTwoNodesRelayInParallelThenNoEventIsLostAndDuplicatesShareTheirId() throws Exception {
    List<String> ids = node.recordInterleaved(50, 20);
    try (PostgresDatabase otherDb = TestPostgres.open(DATABASE, 4);
        RelayFixture other = new RelayFixture(otherDb);
        OutboxRelay a = node.relay(RelayFixture.kafka(TestKafka.bootstrapServers(), topic));
        OutboxRelay b = other.relay(RelayFixture.kafka(TestKafka.bootstrapServers(), topic))) {
      a.start();
      b.start();
      await("the outbox to drain", Duration.ofSeconds(60), () -> node.backlog() == 0);
    }
    List<ConsumerRecord<String, String>> records = TestKafka.readAll(topic, ids.size());
    assertThat(Set.copyOf(idsOf(records))).containsExactlyInAnyOrderElementsOf(ids);
    assertDuplicatesAreIdentical(records);
    assertPerAggregateOrder(records, ids);
  }

  @Test
  void whenANodeDiesBetweenPublishAndCommitThenItsEventsAreDeliveredAgainNotLost() throws Exception {
    List<String> ids = node.recordInterleaved(2, 150);
    AtomicBoolean dead = new AtomicBoolean();
    KafkaEventPublisher kafka = RelayFixture.kafka(TestKafka.bootstrapServers(), topic);
    EventPublisher diesAfterPublishing = new EventPublisher() {
      @Override
      public void publish(List<OutboxEvent> events) {
        kafka.publish(events);
        dead.set(true);
        // Kafka has the batch; the node dies before markPublished and the commit.
        throw new IllegalStateException("node killed");
      }

      @Override
      public void close() {
        kafka.close();
      }
    };
    try (OutboxRelay dying = node.relay(diesAfterPublishing)) {
      assertThatThrownBy(dying::relayOnce).hasMessage("node killed");
    }
    assertThat(dead).isTrue();
    assertThat(node.backlog()).as("the claim rolled back").isEqualTo(ids.size());

    try (OutboxRelay survivor = node.relay(RelayFixture.kafka(TestKafka.bootstrapServers(), topic))) {
      survivor.start();
      await("the outbox to drain", Duration.ofSeconds(30), () -> node.backlog() == 0);
    }
    List<ConsumerRecord<String, String>> records =
        TestKafka.readAll(topic, ids.size() + RelayFixture.FAST.batchSize());
    assertThat(records).hasSize(ids.size() + RelayFixture.FAST.batchSize());
    assertThat(Set.copyOf(idsOf(records))).containsExactlyInAnyOrderElementsOf(ids);
    assertDuplicatesAreIdentical(records);
  }

  private static List<String> idsOf(List<ConsumerRecord<String, String>> records) {
    List<String> ids = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      ids.add(id(r));
    }
    return ids;
  }

  private static String id(ConsumerRecord<String, String> r) {
    try {
      return JSON.readTree(r.value()).get("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A re-delivered event is the same record: same key, same value. */
  private static void assertDuplicatesAreIdentical(List<ConsumerRecord<String, String>> records) {
    Map<String, ConsumerRecord<String, String>> first = new LinkedHashMap<>();
    for (ConsumerRecord<String, String> r : records) {
      ConsumerRecord<String, String> earlier = first.putIfAbsent(id(r), r);
      if (earlier != null) {
        assertThat(r.key()).isEqualTo(earlier.key());
        assertThat(r.value()).isEqualTo(earlier.value());
      }
    }
  }

  /** Per key (= aggregate), the first deliveries come in commit order. */
  private static void assertPerAggregateOrder(List<ConsumerRecord<String, String>> records, List<String> commitOrder) {
    Map<String, Integer> position = new LinkedHashMap<>();
    for (int i = 0; i < commitOrder.size(); i++) {
      position.put(commitOrder.get(i), i);
    }
    Map<String, Integer> lastPerKey = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, String> r : records) {
      if (!seen.add(id(r))) {
        continue;
      }
      int p = position.get(id(r));
      Integer last = lastPerKey.put(r.key(), p);
      assertThat(last == null || last < p)
          .as("event %s of %s arrived after a later one", id(r), r.key()).isTrue();
    }
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
