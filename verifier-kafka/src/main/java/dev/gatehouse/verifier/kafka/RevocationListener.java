package dev.gatehouse.verifier.kafka;

import dev.gatehouse.verifier.Revocations;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumes Gatehouse's event topic (CloudEvents 1.0 JSON, see {@code docs/events.md}) on one
 * daemon thread and feeds a {@link Revocations}, so tokens of an ended session, a disabled user or
 * a revoked grant are refused by every {@code JwtVerifier} sharing it within about a second.
 *
 * <ul>
 *   <li>{@code dev.gatehouse.session.ended} → {@link Revocations#revokeSession}({@code data.sid})
 *   <li>{@code dev.gatehouse.user.disabled} → {@link Revocations#revokeSubject}({@code data.user_id},
 *       the event's {@code time})
 *   <li>{@code dev.gatehouse.token.revoked}, {@code dev.gatehouse.refresh_token.reuse_detected},
 *       {@code dev.gatehouse.authorization_code.replayed} → {@link Revocations#revokeGrant}({@code
 *       data.grant_id})
 * </ul>
 *
 * <p>Every other type is ignored; records that are not such JSON are logged and skipped. Delivery
 * is at least once, and every mapping is idempotent, so duplicates need no de-duplication.
 */
public final class RevocationListener implements AutoCloseable {
  /** The topic Gatehouse's relay publishes to unless configured otherwise. */
  public static final String DEFAULT_TOPIC = "gatehouse.events";

  private static final System.Logger LOG = System.getLogger(RevocationListener.class.getName());
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Revocations revocations;
  private final Clock clock;
  private final String groupId;
  private final Duration lookBack;
  private final Thread thread;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final RevocationEvents events;
  private volatile boolean running = true;

  private RevocationListener(Builder b) {
    this.topic = b.topic;
    this.revocations = b.revocations;
    this.clock = b.clock;
    this.events = new RevocationEvents(b.revocations, b.clock);
    this.groupId = b.groupId;
    this.lookBack = b.lookBack;
    Properties p = new Properties();
    p.putAll(b.properties);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "gatehouse-revocation-listener");
    if (groupId != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
      p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
      p.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
    } else {
      p.remove(ConsumerConfig.GROUP_ID_CONFIG);
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    }
    this.consumer = new KafkaConsumer<>(p);
    this.thread = new Thread(this::run, "gatehouse-revocation-listener");
    this.thread.setDaemon(true);
  }

  /** A builder; {@code bootstrapServers} and {@code revocations} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Waits until the listener reads the topic: partitions assigned and starting offsets resolved.
   * Revocations published after this returns are applied. Mostly for tests and start-up probes.
   */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Revocations applied from events (duplicates included). */
  public long eventsApplied() {
    return events.applied();
  }

  /** Records skipped because their type is not one that revokes. */
  public long eventsIgnored() {
    return events.ignored();
  }

  /** Records skipped because they were not a readable CloudEvent of a known revoking type. */
  public long recordsMalformed() {
    return events.malformed();
  }

  /** Stops the consumer thread; returns within about a second. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private RevocationListener start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      if (groupId != null) {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // A new group starts at "latest", resolved lazily at the first fetch: resolve it now,
            // so an event published right after "ready" is not skipped as already behind us.
            partitions.forEach(consumer::position);
            ready.countDown();
          }
        });
      } else {
        while (running) {
          try {
            assignAll();
            break;
          } catch (WakeupException | InterruptException e) {
            throw e;
          } catch (KafkaException e) {
            LOG.log(Level.WARNING, "positioning on " + topic + " failed; retrying", e);
            pause();
          }
        }
      }
      while (running) {
        try {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            events.handle(record);
          }
        } catch (WakeupException | InterruptException e) {
          break;
        } catch (KafkaException e) {
          LOG.log(Level.WARNING, "polling " + topic + " failed; retrying", e);
          pause();
        }
      }
    } catch (WakeupException | InterruptException e) {
      // closed while starting
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "revocation listener on " + topic + " stopped", e);
    } finally {
      try {
        consumer.close(CloseOptions.timeout(Duration.ofMillis(500)));
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing the consumer", e);
      }
    }
  }

  /** Every partition of the topic, from {@code now - lookBack} (or the end when nothing is newer). */
  private void assignAll() {
    List<TopicPartition> partitions = new ArrayList<>();
    while (running && partitions.isEmpty()) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos != null) {
          infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
      } catch (WakeupException | InterruptException e) {
        throw e;
      } catch (KafkaException e) {
        LOG.log(Level.WARNING, "listing partitions of " + topic + " failed; retrying", e);
      }
      if (partitions.isEmpty() && running) {
        LOG.log(Level.WARNING, "topic " + topic + " has no partitions yet; retrying");
        pause();
      }
    }
    if (!running) {
      return;
    }
    consumer.assign(partitions);
    long from = clock.instant().minus(lookBack).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, from));
    Map<TopicPartition, OffsetAndTimestamp> offsets = lookBack.isZero() ? Map.of() : consumer.offsetsForTimes(query);
    List<TopicPartition> toEnd = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = offsets.get(tp);
      if (at == null) {
        toEnd.add(tp);
      } else {
        consumer.seek(tp, at.offset());
      }
    }
    consumer.seekToEnd(toEnd);
    partitions.forEach(consumer::position); // resolve the lazy seeks now, so "ready" means ready
    ready.countDown();
  }

  private void pause() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Configures and starts a {@link RevocationListener}. */
  public static final class Builder {
    private String bootstrapServers;
    private String topic = DEFAULT_TOPIC;
    private Revocations revocations;
    private Clock clock = Clock.systemUTC();
    private String groupId;
    private Duration lookBack = Revocations.DEFAULT_RETENTION;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private Builder() {}

    /** Kafka's {@code bootstrap.servers}, e.g. {@code kafka-1:9092,kafka-2:9092}. Required. */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      return this;
    }

    /** The event topic; default {@code gatehouse.events}. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /** The registry to feed, the one shared by the service's verifiers. Required. */
    public Builder revocations(Revocations revocations) {
      this.revocations = Objects.requireNonNull(revocations, "revocations");
      return this;
    }

    /**
     * The default mode: no consumer group; read every partition, starting at the records of the
     * last {@code lookBack} (default {@link Revocations#DEFAULT_RETENTION}, which should cover
     * the longest access-token lifetime), so revocations made shortly before this service
     * started still apply. {@code Duration.ZERO} starts at the end. Clears {@link #groupId}.
     */
    public Builder assignAllPartitions(Duration lookBack) {
      if (lookBack.isNegative()) {
        throw new IllegalArgumentException("lookBack must not be negative");
      }
      this.lookBack = lookBack;
      this.groupId = null;
      return this;
    }

    /**
     * Consume as a member of {@code groupId}, committing offsets; a new group starts at the
     * latest offset. Every instance of a service must have its own group id: members of one
     * group share the partitions, so each would see only part of the revocations.
     */
    public Builder groupId(String groupId) {
      this.groupId = Objects.requireNonNull(groupId, "groupId");
      return this;
    }

    /** Time source for the look-back and for events without a readable time; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Any other consumer setting (security, SASL, timeouts); deserializers cannot be changed. */
    public Builder consumerProperty(String name, Object value) {
      properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Creates the consumer and starts its daemon thread. */
    public RevocationListener start() {
      if (bootstrapServers == null || bootstrapServers.isBlank()) {
        throw new IllegalStateException("bootstrapServers is required");
      }
      if (revocations == null) {
        throw new IllegalStateException("revocations is required");
      }
      return new RevocationListener(this).start();
    }
  }
}
