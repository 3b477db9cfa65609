package dev.gatehouse.server.store;

import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.JdbiTransactions;
import dev.gatehouse.server.store.postgres.PostgresChangeFeed;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.MutableClock;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change feed the client cache trusts (V17 trigger + {@link PostgresChangeFeed}): every
 * committed change to a registered client is heard with its client_id, a rolled-back one never,
 * and a lost connection is reported as deafness and then recovered.
 */
class ClientChangeFeedContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final RegisteredClientRepository clients =
      new JdbiRegisteredClientRepository(db.jdbi(), MutableClock.at("2026-02-01T10:00:00Z"));
  private static final Transactions transactions = new JdbiTransactions(db.jdbi());

  private final Recorder heard = new Recorder();
  private PostgresChangeFeed feed;

  @AfterAll
  static void closeDatabase() {
    db.close();
  }

  @BeforeEach
  void listen() throws InterruptedException {
    feed = new PostgresChangeFeed(db, "gatehouse_client_changed", heard);
    feed.start();
    assertThat(heard.next()).isEqualTo("listening");
  }

  @AfterEach
  void stop() {
    feed.close();
  }

  @Test
  void insertUpdateAndDeleteAreEachHeardWithTheClientId() throws InterruptedException {
    String id = unique("c");
    clients.save(Fixtures.client(id));
    assertThat(heard.next()).isEqualTo("changed " + id);
    clients.save(Fixtures.client(id)); // upsert: an UPDATE
    assertThat(heard.next()).isEqualTo("changed " + id);
    assertThat(clients.delete(id)).isTrue();
    assertThat(heard.next()).isEqualTo("changed " + id);
  }

  @Test
  void secretRotationIsHeard() throws InterruptedException {
    String id = unique("c");
    clients.save(Fixtures.client(id));
    heard.next();
    db.jdbi().useHandle(h -> h.execute(
        "UPDATE registered_clients SET client_type = 'CONFIDENTIAL' WHERE client_id = ?", id));
    assertThat(heard.next()).isEqualTo("changed " + id);
    assertThat(clients.updateSecretHash(id, "hs1$new")).isTrue();
    assertThat(heard.next()).isEqualTo("changed " + id);
  }

  @Test
  void aRolledBackChangeIsNeverHeard() throws InterruptedException {
    String rolledBack = unique("rolled-back");
    try {
      transactions.inTransaction(() -> {
        clients.save(Fixtures.client(rolledBack));
        throw new IllegalStateException("abort");
      });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    String committed = unique("committed");
    clients.save(Fixtures.client(committed));
    // NOTIFYs arrive in commit order: the committed one is the first thing heard.
    assertThat(heard.next()).isEqualTo("changed " + committed);
  }

  @Test
  void truncateIsHeardAsEveryClient() throws InterruptedException {
    PostgresDatabase scratch = TestPostgres.freshDatabase();
    Recorder scratchHeard = new Recorder();
    try (PostgresChangeFeed scratchFeed = new PostgresChangeFeed(scratch, "gatehouse_client_changed", scratchHeard)) {
      scratchFeed.start();
      assertThat(scratchHeard.next()).isEqualTo("listening");
      scratch.jdbi().useHandle(h -> h.execute("TRUNCATE registered_clients CASCADE"));
      assertThat(scratchHeard.next()).isEqualTo("changed " + ChangeSubscriber.ALL);
    } finally {
      scratch.close();
    }
  }

  @Test
  void whenTheConnectionIsKilledThenTheSubscriberIsToldItIsDeafAndThenListeningAgain()
      throws InterruptedException {
    int killed = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = 'gatehouse-listen' AND datname = current_database()")
        .mapTo(Integer.class).one());
    assertThat(killed).isEqualTo(1);
    assertThat(heard.next()).isEqualTo("deaf");
    assertThat(heard.next()).isEqualTo("listening");
    String id = unique("after");
    clients.save(Fixtures.client(id));
    assertThat(heard.next()).isEqualTo("changed " + id);
  }

  @Test
  void closingTheFeedMakesTheSubscriberDeaf() throws InterruptedException {
    feed.close();
    assertThat(heard.next()).isEqualTo("deaf");
  }

  /** What the feed told its subscriber, in order. */
  static final class Recorder implements ChangeSubscriber {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void listening() {
      events.add("listening");
    }

    @Override
    public void changed(String key) {
      events.add("changed " + key);
    }

    @Override
    public void deaf() {
      events.add("deaf");
    }

    String next() throws InterruptedException {
      String e = events.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
      assertThat(e).as("the feed said nothing within 10 s").isNotNull();
      return e;
    }
  }
}
