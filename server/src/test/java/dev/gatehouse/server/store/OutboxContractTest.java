package dev.gatehouse.server.store;

import static dev.gatehouse.server.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import dev.gatehouse.server.store.postgres.JdbiTransactions;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final Outbox outbox = new JdbiOutbox(db.jdbi());
  private static final Transactions transactions = new JdbiTransactions(db.jdbi());
  private static final ObjectMapper json = new ObjectMapper();

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void emptyOutbox() {
    db.jdbi().useHandle(h -> h.execute("DELETE FROM outbox_events"));
  }

  private static List<OutboxEvent> append(int count) {
    List<OutboxEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      OutboxEvent event = OutboxEvent.of(UUID.randomUUID(), "user.created", "user-" + i,
          "{\"n\": " + i + "}", T0.plusSeconds(i));
      outbox.append(event);
      events.add(event);
    }
    return events;
  }

  private static List<UUID> ids(List<OutboxEvent> events) {
    return events.stream().map(OutboxEvent::id).toList();
  }

  @Test
  void whenAppendedThenFetchedWithEveryFieldAndEquivalentJson() throws Exception {
    String payload = "{ \"userId\" : \"42\", \"amr\": [\"pwd\"], \"nested\": {\"b\": 1, \"a\": null} }";
    OutboxEvent event = OutboxEvent.of(UUID.randomUUID(), "user.created", "42", payload, T0.plusNanos(5000));
    outbox.append(event);

    OutboxEvent fetched = outbox.fetchUnpublished(10).get(0);

    assertThat(json.readTree(fetched.payload())).isEqualTo(json.readTree(payload));
    assertThat(new OutboxEvent(fetched.id(), fetched.eventType(), fetched.aggregateId(), payload,
        fetched.occurredAt(), fetched.publishedAt())).isEqualTo(event);
  }

  @Test
  void payloadMustBeJson() {
    OutboxEvent event = OutboxEvent.of(UUID.randomUUID(), "x", "1", "not json", T0);
    assertThatThrownBy(() -> outbox.append(event)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void unpublishedEventsComeInAppendOrderUpToTheLimit() {
    List<OutboxEvent> events = append(5);
    assertThat(ids(outbox.fetchUnpublished(3))).containsExactlyElementsOf(ids(events).subList(0, 3));
  }

  @Test
  void publishedEventsAreNotFetchedAgain() {
    List<OutboxEvent> events = append(4);
    assertThat(outbox.markPublished(ids(events).subList(0, 2), T0)).isEqualTo(2);
    assertThat(ids(outbox.fetchUnpublished(10))).containsExactlyElementsOf(ids(events).subList(2, 4));
    assertThat(outbox.markPublished(ids(events).subList(0, 2), T0)).as("already published").isZero();
    assertThat(outbox.markPublished(List.of(), T0)).isZero();
  }

  @Test
  void whenTwoPublishersFetchAtOnceTheyNeverGetTheSameEvent() throws Exception {
    List<OutboxEvent> events = append(10);
    CyclicBarrier bothHoldLocks = new CyclicBarrier(2);
    List<List<UUID>> batches = Race.run(2, () -> transactions.inTransaction(() -> {
      List<UUID> batch = ids(outbox.fetchUnpublished(4));
      try {
        // Keep the row locks until the other publisher has fetched too.
        bothHoldLocks.await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      outbox.markPublished(batch, T0);
      return batch;
    }));

    Set<UUID> seen = new HashSet<>();
    for (List<UUID> batch : batches) {
      assertThat(batch).hasSize(4);
      for (UUID id : batch) {
        assertThat(seen.add(id)).as("event %s fetched twice", id).isTrue();
      }
    }
    assertThat(ids(outbox.fetchUnpublished(10))).hasSize(2).doesNotContainAnyElementsOf(seen);
    assertThat(ids(events)).containsAll(seen);
  }

  @Test
  void anEventFetchedByAPublisherThatRolledBackIsFetchedAgain() {
    List<OutboxEvent> events = append(1);
    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      outbox.fetchUnpublished(10);
      throw new IllegalStateException("broker down");
    })).hasMessage("broker down");
    assertThat(ids(outbox.fetchUnpublished(10))).containsExactlyElementsOf(ids(events));
  }

  @Test
  void whileOnePublisherHoldsAnAggregatesEventTheOtherGetsNoneOfItsLaterEvents() throws Exception {
    OutboxEvent a1 = event("user-a", 1);
    OutboxEvent b1 = event("user-b", 2);
    OutboxEvent a2 = event("user-a", 3);
    OutboxEvent c1 = event("user-c", 4);
    CyclicBarrier firstHoldsLocks = new CyclicBarrier(2);
    CyclicBarrier secondFetched = new CyclicBarrier(2);
    AtomicInteger roles = new AtomicInteger();
    List<List<UUID>> batches = Race.run(2, () -> transactions.inTransaction(() -> {
      try {
        if (roles.getAndIncrement() == 0) {
          List<UUID> batch = ids(outbox.fetchUnpublished(1));
          firstHoldsLocks.await(10, TimeUnit.SECONDS);
          secondFetched.await(10, TimeUnit.SECONDS);
          return batch;
        }
        firstHoldsLocks.await(10, TimeUnit.SECONDS);
        List<UUID> batch = ids(outbox.fetchUnpublished(10));
        secondFetched.await(10, TimeUnit.SECONDS);
        return batch;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }));

    assertThat(batches).containsExactlyInAnyOrder(
        List.of(a1.id()), List.of(b1.id(), c1.id()));
    assertThat(ids(outbox.fetchUnpublished(10))).as("a1 released, so a2 follows it")
        .containsExactly(a1.id(), b1.id(), a2.id(), c1.id());
  }

  @Test
  void anAggregatesLaterEventBeyondTheLimitIsNotFetchedBeforeItsEarlierOne() {
    OutboxEvent a1 = event("user-a", 1);
    OutboxEvent a2 = event("user-a", 2);
    assertThat(ids(outbox.fetchUnpublished(1))).containsExactly(a1.id());
    assertThat(ids(outbox.fetchUnpublished(2))).containsExactly(a1.id(), a2.id());
  }

  @Test
  void backlogCountsUnpublishedEventsAndDatesTheOldest() {
    assertThat(outbox.backlog()).isEqualTo(new Outbox.Backlog(0, null));
    List<OutboxEvent> events = append(3);
    outbox.markPublished(List.of(events.get(0).id()), T0);
    assertThat(outbox.backlog()).isEqualTo(new Outbox.Backlog(2, events.get(1).occurredAt()));
  }

  @Test
  void retentionDeletesOnlyEventsPublishedBeforeTheCutoff() {
    List<OutboxEvent> events = append(4);
    outbox.markPublished(List.of(events.get(0).id(), events.get(1).id()), T0);
    outbox.markPublished(List.of(events.get(2).id()), T0.plusSeconds(60));

    assertThat(outbox.deletePublishedBefore(T0.plusSeconds(30), 1)).isEqualTo(1);
    assertThat(outbox.deletePublishedBefore(T0.plusSeconds(30), 100)).isEqualTo(1);
    assertThat(outbox.deletePublishedBefore(T0.plusSeconds(30), 100)).isZero();
    long left = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM outbox_events")
        .mapTo(Long.class).one());
    assertThat(left).as("the later-published and the unpublished event stay").isEqualTo(2);
    assertThat(ids(outbox.fetchUnpublished(10))).containsExactly(events.get(3).id());
  }

  private static OutboxEvent event(String aggregate, int n) {
    OutboxEvent event = OutboxEvent.of(UUID.randomUUID(), "user.disabled", aggregate,
        "{\"n\": " + n + "}", T0.plusSeconds(n));
    outbox.append(event);
    return event;
  }

  // ---- search (the audit log) ----------------------------------------------------------------

  private static OutboxEvent event(String type, String aggregate, String clientId, int second) {
    String data = clientId == null ? "{}" : "{\"client_id\": \"" + clientId + "\"}";
    OutboxEvent event = OutboxEvent.of(UUID.randomUUID(), type, aggregate, "{\"data\": " + data + "}",
        T0.plusSeconds(second));
    outbox.append(event);
    return event;
  }

  private static List<UUID> search(String aggregate, String clientId, Set<String> types, Integer from, Integer to,
      Long before, int limit) {
    return outbox.search(new OutboxQuery(aggregate, clientId, types, from == null ? null : T0.plusSeconds(from),
        to == null ? null : T0.plusSeconds(to), before, limit)).stream().map(f -> f.event().id()).toList();
  }

  @Test
  void searchFiltersAndReturnsNewestFirst() {
    OutboxEvent a = event("user.login_failed", "u1", "app-a", 0);
    OutboxEvent b = event("user.login_succeeded", "u2", "app-b", 1);
    OutboxEvent c = event("user.login_failed", "u1", "app-b", 2);
    OutboxEvent d = event("signing_key.rotated", "k1", null, 3);

    assertThat(search(null, null, Set.of(), null, null, null, 10)).containsExactly(d.id(), c.id(), b.id(), a.id());
    assertThat(search("u1", null, Set.of(), null, null, null, 10)).containsExactly(c.id(), a.id());
    assertThat(search(null, "app-b", Set.of(), null, null, null, 10)).containsExactly(c.id(), b.id());
    assertThat(search(null, null, Set.of("user.login_succeeded", "signing_key.rotated"), null, null, null, 10))
        .containsExactly(d.id(), b.id());
    assertThat(search(null, null, Set.of(), 1, 3, null, 10)).containsExactly(c.id(), b.id());
    assertThat(search("u1", "app-b", Set.of("user.login_failed"), 0, 4, null, 10)).containsExactly(c.id());
    assertThat(search(null, null, Set.of(), null, null, null, 2)).containsExactly(d.id(), c.id());
  }

  @Test
  void searchContinuesBelowAPosition() {
    event("user.created", "u1", null, 0);
    event("user.created", "u2", null, 1);
    event("user.created", "u3", null, 2);
    List<OutboxQuery.Found> first = outbox.search(new OutboxQuery(null, null, Set.of(), null, null, null, 2));
    List<OutboxQuery.Found> rest = outbox.search(new OutboxQuery(null, null, Set.of(), null, null,
        first.get(1).position(), 2));
    assertThat(first).extracting(f -> f.event().aggregateId()).containsExactly("u3", "u2");
    assertThat(rest).extracting(f -> f.event().aggregateId()).containsExactly("u1");
  }
}
