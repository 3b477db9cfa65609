package dev.gatehouse.server.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.testing.TestKafka;
import dev.gatehouse.server.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node configured with GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS relays its outbox and shows it on /metrics. */
class NodeRelayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String topic;
  private static TestNode node;

  @BeforeAll
  static void start() {
    topic = TestKafka.freshTopic(1);
    // GATEHOUSE_BOOTSTRAP creates the admin user and two demo clients: three events.
    node = TestNode.start(Map.of(
        "GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
        "GATEHOUSE_KAFKA_TOPIC", topic,
        "GATEHOUSE_BOOTSTRAP", "true"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void firstStartEventsArriveAsCloudEventsFromTheIssuer() throws Exception {
    List<ConsumerRecord<String, String>> records = TestKafka.readUntil(topic,
        r -> r.size() >= 3, Duration.ofSeconds(30));
    List<String> types = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      var event = JSON.readTree(r.value());
      types.add(event.get("type").asText());
      assertThat(event.get("source").asText()).isEqualTo(node.node().issuer().toString());
      assertThat(r.key()).isEqualTo(event.get("subject").asText());
    }
    assertThat(types).contains("dev.gatehouse.user.created", "dev.gatehouse.client.created");
  }

  @Test
  void metricsShowTheBacklogAndWhatWasPublished() throws Exception {
    TestKafka.readUntil(topic, r -> r.size() >= 3, Duration.ofSeconds(30));
    String metrics = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      metrics = node.get("/metrics").body();
      if (metrics.contains("gatehouse_outbox_backlog_events 0.0")
          && !metrics.contains("gatehouse_outbox_published_total 0.0")) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(metrics)
        .contains("gatehouse_outbox_backlog_events 0.0")
        .contains("gatehouse_outbox_oldest_age_seconds 0.0")
        .contains("gatehouse_outbox_publish_failures_total 0.0")
        .containsPattern("gatehouse_outbox_published_total [1-9]");
  }
}
