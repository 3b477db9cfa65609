package dev.gatehouse.server.store;

import static dev.gatehouse.server.store.Fixtures.T0;
import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.store.postgres.JdbiOutbox;
import dev.gatehouse.server.store.postgres.JdbiTransactions;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md §4.10: a state change and its outbox event commit or roll back together. */
class TransactionsContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final Transactions transactions = new JdbiTransactions(db.jdbi());
  private static final UserRepository users = new JdbiUserRepository(db.jdbi());
  private static final Outbox outbox = new JdbiOutbox(db.jdbi());

  @AfterAll
  static void close() {
    db.close();
  }

  private static OutboxEvent registered(User user) {
    return OutboxEvent.of(UUID.randomUUID(), "user.created", user.id().toString(), "{}", T0);
  }

  private static boolean eventExists(UUID eventId) {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM outbox_events WHERE id = :id")
        .bind("id", eventId).mapTo(Integer.class).one()) > 0;
  }

  @Test
  void whenWorkThrowsThenNeitherTheUserNorItsEventExists() {
    User user = Fixtures.user(unique("rollback"));
    OutboxEvent event = registered(user);
    assertThatThrownBy(() -> transactions.run(() -> {
      users.create(user);
      outbox.append(event);
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

    assertThat(users.findById(user.id())).isEmpty();
    assertThat(eventExists(event.id())).isFalse();
  }

  @Test
  void whenWorkReturnsThenTheUserAndItsEventAreCommittedAndTheValueReturned() {
    User user = Fixtures.user(unique("commit"));
    OutboxEvent event = registered(user);
    UUID returned = transactions.inTransaction(() -> {
      users.create(user);
      outbox.append(event);
      return user.id();
    });
    assertThat(returned).isEqualTo(user.id());
    assertThat(users.findById(user.id())).contains(user);
    assertThat(eventExists(event.id())).isTrue();
  }

  @Test
  void uncommittedWritesAreVisibleInsideButNotToOtherConnections() throws Exception {
    User user = Fixtures.user(unique("isolated"));
    Optional<User> seenOutside = transactions.inTransaction(() -> {
      users.create(user);
      assertThat(users.findById(user.id())).as("read back in the same transaction").contains(user);
      try {
        // Another thread means another handle, hence another connection and transaction.
        return CompletableFuture.supplyAsync(() -> users.findById(user.id())).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(seenOutside).isEmpty();
    assertThat(users.findById(user.id())).contains(user);
  }

  @Test
  void nestedTransactionsJoinTheOuterOne() {
    User outer = Fixtures.user(unique("outer"));
    User inner = Fixtures.user(unique("inner"));
    assertThatThrownBy(() -> transactions.run(() -> {
      users.create(outer);
      transactions.run(() -> users.create(inner));
      throw new IllegalStateException("outer fails after inner returned");
    })).hasMessageContaining("outer fails");
    assertThat(users.findById(outer.id())).isEmpty();
    assertThat(users.findById(inner.id())).as("inner work rolled back with the outer").isEmpty();
  }

  @Test
  void aTypedStoreExceptionEscapesTheTransactionUnchanged() {
    User first = Fixtures.user(unique("dup"));
    users.create(first);
    User clash = new User(UUID.randomUUID(), first.username(), null, false, null, UserStatus.ACTIVE, T0);
    OutboxEvent event = registered(clash);
    assertThatThrownBy(() -> transactions.run(() -> {
      outbox.append(event);
      users.create(clash);
    })).isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("username"));
    assertThat(eventExists(event.id())).isFalse();
  }
}
