package dev.gatehouse.server.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real in-process Kafka broker (KRaft, one combined broker+controller node) per test JVM,
 * started on first use (DESIGN.md §5); each test class makes its own topic with
 * {@link #freshTopic}.
 */
public final class TestKafka {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static KafkaClusterTestKit cluster;

  private TestKafka() {}

  public static synchronized KafkaClusterTestKit cluster() {
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

  public static String bootstrapServers() {
    return cluster().bootstrapServers();
  }

  /** A new topic with {@code partitions} partitions, replication factor 1. */
  public static String freshTopic(int partitions) {
    String name = "gatehouse.events.test-" + COUNTER.incrementAndGet();
    try (Admin admin = cluster().admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create topic " + name, e);
    }
    return name;
  }

  /** Stops the broker (the controller keeps running); {@link #startBroker} brings it back on the same port. */
  public static void stopBroker() {
    for (BrokerServer broker : cluster().brokers().values()) {
      broker.shutdown();
      broker.awaitShutdown();
    }
  }

  public static void startBroker() {
    try {
      for (BrokerServer broker : cluster().brokers().values()) {
        broker.startup();
      }
      cluster().waitForReadyBrokers();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A consumer reading {@code topic} from the beginning. */
  public static KafkaConsumer<String, String> consumer(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic + "-" + COUNTER.incrementAndGet());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** Reads {@code topic} from the start until {@code done} holds for what was read, or the timeout passes. */
  public static List<ConsumerRecord<String, String>> readUntil(String topic,
      Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, String> consumer = consumer(topic)) {
      while (!done.test(records) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** Everything on {@code topic} now: reads until the end offsets. */
  public static List<ConsumerRecord<String, String>> readAll(String topic, int atLeast) {
    return readUntil(topic, r -> r.size() >= atLeast, Duration.ofSeconds(30));
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
