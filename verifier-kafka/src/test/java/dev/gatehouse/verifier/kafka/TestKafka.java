package dev.gatehouse.verifier.kafka;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real in-process Kafka broker (KRaft, one combined node) per test JVM, started on first use,
 * as in the server's relay tests; each test makes its own topic.
 */
final class TestKafka {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static KafkaClusterTestKit cluster;

  private TestKafka() {}

  static synchronized KafkaClusterTestKit cluster() {
    if (cluster == null) {
      try {
        TestKitNodes nodes = new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("auto.create.topics.enable", "false")
            .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        cluster = kit;
        Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stop));
      } catch (Exception e) {
        throw new IllegalStateException("could not start the test Kafka broker", e);
      }
    }
    return cluster;
  }

  static String bootstrapServers() {
    return cluster().bootstrapServers();
  }

  static String freshTopic(int partitions) {
    String name = "gatehouse.events.test-" + COUNTER.incrementAndGet();
    try (Admin admin = cluster().admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create topic " + name, e);
    }
    return name;
  }

  /** A producer configured like the server's relay: idempotent, acks=all; string keys, raw values. */
  static KafkaProducer<String, byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(p);
  }

  private static synchronized void stop() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } catch (Exception e) {
      // JVM exit: nothing left to do.
    }
  }
}
