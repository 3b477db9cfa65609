package dev.gatehouse.server.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.Outbox;
import dev.gatehouse.server.store.OutboxEvent;
import dev.gatehouse.server.store.OutboxQuery;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import dev.gatehouse.server.store.postgres.JdbiSigningKeyRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestPostgres;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code signing_key.rotated} is recorded in the rotation's own transaction (DESIGN.md §4.10). */
class KeyRotationEventsTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final URI ISSUER = URI.create("https://issuer.example");
  private static final KeyRotationPolicy ES256_ONLY = new KeyRotationPolicy(
      EnumSet.of(SigningAlgorithm.ES256), Duration.ofDays(30), Duration.ofDays(1), Duration.ofHours(1));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final KeyEncryptionKey kek = KeyEncryptionKey.fromBase64Url(KeyEncryptionKey.generateBase64Url());
  private final JdbiOutbox outbox = new JdbiOutbox(db.jdbi());

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.jdbi().useHandle(h -> h.execute("DELETE FROM signing_keys; DELETE FROM outbox_events"));
  }

  private KeyRotation rotation(Outbox eventsOutbox) {
    return new KeyRotation(new JdbiSigningKeyRepository(db.jdbi()), kek, ES256_ONLY, clock, () -> {},
        new EventLog(eventsOutbox, ISSUER));
  }

  @Test
  void whenSuccessorScheduledThenSigningKeyRotatedNamesBothKidsAndNoKeyMaterial() throws Exception {
    KeyRotation rotation = rotation(outbox);
    String first = rotation.ensureKeys().get(0).kid();
    assertThat(outbox.fetchUnpublished(10)).as("a first key is not a rotation").isEmpty();

    ScheduledSigningKey successor = rotation.rotateNow(SigningAlgorithm.ES256);

    List<OutboxEvent> events = outbox.fetchUnpublished(10);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).eventType()).isEqualTo("signing_key.rotated");
    assertThat(events.get(0).aggregateId()).isEqualTo("ES256");
    JsonNode event = JSON.readTree(events.get(0).payload());
    assertThat(event.get("type").asText()).isEqualTo("dev.gatehouse.signing_key.rotated");
    assertThat(event.get("subject").asText()).isEqualTo("ES256");
    JsonNode data = event.get("data");
    assertThat(data.get("kid").asText()).isEqualTo(successor.kid());
    assertThat(data.get("previous_kid").asText()).isEqualTo(first);
    assertThat(Instant.parse(data.get("activates_at").asText())).isEqualTo(successor.activatesAt());
    assertThat(events.get(0).payload()).doesNotContain("\"d\"", "encrypted", "private");
  }

  @Test
  void whenTheEventCannotBeWrittenThenTheRotationRollsBackToo() {
    KeyRotation rotation = rotation(outbox);
    rotation.ensureKeys();
    long keysBefore = keyCount();
    Outbox failsAfterWriting = new Outbox() {
      @Override
      public void append(OutboxEvent event) {
        outbox.append(event);
        throw new IllegalStateException("disk full");
      }

      @Override
      public List<OutboxEvent> fetchUnpublished(int limit) {
        return outbox.fetchUnpublished(limit);
      }

      @Override
      public int markPublished(Collection<UUID> ids, Instant now) {
        return outbox.markPublished(ids, now);
      }

      @Override
      public Backlog backlog() {
        return outbox.backlog();
      }

      @Override
      public int deletePublishedBefore(Instant cutoff, int limit) {
        return outbox.deletePublishedBefore(cutoff, limit);
      }

      @Override
      public List<OutboxQuery.Found> search(OutboxQuery query) {
        return outbox.search(query);
      }
    };

    assertThatThrownBy(() -> rotation(failsAfterWriting).rotateNow(SigningAlgorithm.ES256))
        .hasMessage("disk full");

    assertThat(keyCount()).as("no successor, no retirement").isEqualTo(keysBefore);
    assertThat(outbox.fetchUnpublished(10)).as("the event rolled back with the rotation").isEmpty();
  }

  private static long keyCount() {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM signing_keys WHERE retires_at IS NULL").mapTo(Long.class).one());
  }
}
