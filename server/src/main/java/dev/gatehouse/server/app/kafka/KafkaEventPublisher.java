package dev.gatehouse.server.app.kafka;

import dev.gatehouse.server.events.CloudEvent;
import dev.gatehouse.server.events.EventPublisher;
import dev.gatehouse.server.store.OutboxEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes outbox events to one Kafka topic with an idempotent producer ({@code acks=all}):
 * key = aggregate id, so one aggregate's events land in one partition in order; value = the
 * CloudEvent JSON (structured mode, Kafka protocol binding §3.2, with its {@code content-type}
 * header); timestamp = when the change happened.
 *
 * <p>Every wait is bounded so a dead broker cannot hold the relay's row locks for long: {@code
 * send} blocks at most {@link #MAX_BLOCK} for metadata, and each record is acknowledged or
 * failed within {@link #DELIVERY_TIMEOUT}. After a failure the producer is discarded and a fresh
 * one is made for the next batch, so no half-failed producer state (an idempotent sequence gap)
 * carries over; the events are simply sent again.
 */
public final class KafkaEventPublisher implements EventPublisher {
  static final Duration MAX_BLOCK = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
  private static final RecordHeader CONTENT_TYPE =
      new RecordHeader("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));

  private final String topic;
  private final Map<String, Object> config;
  private KafkaProducer<String, byte[]> producer;

  public KafkaEventPublisher(String bootstrapServers, String topic, String clientId) {
    this.topic = topic;
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Idempotence keeps order with up to 5 requests in flight per partition.
    c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
    c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    c.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.config = Map.copyOf(c);
  }

  @Override
  public void publish(List<OutboxEvent> events) {
    try {
      KafkaProducer<String, byte[]> p = producer();
      List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
      for (OutboxEvent e : events) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null,
            e.occurredAt().toEpochMilli(), e.aggregateId(), e.payload().getBytes(StandardCharsets.UTF_8),
            List.of(CONTENT_TYPE));
        Future<RecordMetadata> ack = p.send(record);
        if (ack.isDone()) {
          // Failed at once, typically no metadata within max.block.ms: every further send would
          // wait that long again, so give up on the batch now.
          ack.get();
        }
        acks.add(ack);
      }
      long deadline = System.nanoTime() + DELIVERY_TIMEOUT.plus(MAX_BLOCK).toNanos();
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      discardProducer();
      throw new PublishException("Kafka did not acknowledge the batch: " + e.getCause(), e.getCause());
    } catch (TimeoutException | KafkaException e) {
      discardProducer();
      throw new PublishException("Kafka did not acknowledge the batch: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      discardProducer();
      throw new PublishException("interrupted while publishing", e);
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(config);
    }
    return producer;
  }

  private void discardProducer() {
    if (producer != null) {
      try {
        producer.close(Duration.ZERO);
      } catch (KafkaException e) {
        // Already broken; nothing to flush.
      }
      producer = null;
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
