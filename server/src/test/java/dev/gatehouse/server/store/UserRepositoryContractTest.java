package dev.gatehouse.server.store;

import static dev.gatehouse.server.store.Fixtures.T0;
import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UserRepositoryContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final UserRepository users = new JdbiUserRepository(db.jdbi());

  @AfterAll
  static void close() {
    db.close();
  }

  private static User full(String username, String email) {
    return new User(UUID.randomUUID(), username, email, true, "Ada Lovelace", UserStatus.ACTIVE,
        T0.plusNanos(654_321_000));
  }

  @Test
  void whenCreatedThenEveryFieldRoundTrips() {
    User user = full(unique("ada"), unique("ada") + "@example.com");
    users.create(user);
    assertThat(users.findById(user.id())).contains(user);
  }

  @Test
  void whenOptionalFieldsAreNullThenTheyRoundTrip() {
    User user = Fixtures.user(unique("bob"));
    users.create(user);
    assertThat(users.findById(user.id())).contains(user);
  }

  @Test
  void findByUsernameIgnoresCase() {
    User user = Fixtures.user(unique("Carol"));
    users.create(user);
    assertThat(users.findByUsername(user.username().toUpperCase(Locale.ROOT))).contains(user);
    assertThat(users.findByUsername(user.username().toLowerCase(Locale.ROOT))).contains(user);
  }

  @Test
  void whenUsernameTakenIgnoringCaseThenDuplicateKeyUsername() {
    String name = unique("dave");
    users.create(Fixtures.user(name));
    assertThatThrownBy(() -> users.create(Fixtures.user(name.toUpperCase(Locale.ROOT))))
        .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("username"));
  }

  @Test
  void whenEmailTakenIgnoringCaseThenDuplicateKeyEmail() {
    String email = unique("erin") + "@example.com";
    users.create(full(unique("erin"), email));
    assertThatThrownBy(() -> users.create(full(unique("erin2"), email.toUpperCase(Locale.ROOT))))
        .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("email"));
  }

  @Test
  void whenIdTakenThenDuplicateKeyId() {
    User first = Fixtures.user(unique("fay"));
    users.create(first);
    User sameId = new User(first.id(), unique("other"), null, false, null, UserStatus.ACTIVE, T0);
    assertThatThrownBy(() -> users.create(sameId))
        .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo("id"));
  }

  @Test
  void manyUsersMayHaveNoEmail() {
    users.create(Fixtures.user(unique("gus")));
    users.create(Fixtures.user(unique("gus")));
  }

  @Test
  void whenUnknownThenEmpty() {
    assertThat(users.findById(UUID.randomUUID())).isEmpty();
    assertThat(users.findByUsername("nobody-" + UUID.randomUUID())).isEmpty();
  }

  @Test
  void listPagesThroughUsersOrderedByUsernameIgnoringCase() {
    try (PostgresDatabase own = TestPostgres.freshDatabase()) {
      UserRepository repo = new JdbiUserRepository(own.jdbi());
      for (String name : List.of("delta", "Alpha", "charlie", "Bravo", "echo")) {
        repo.create(Fixtures.user(name));
      }
      assertThat(repo.list(0, 2)).extracting(User::username).containsExactly("Alpha", "Bravo");
      assertThat(repo.list(2, 2)).extracting(User::username).containsExactly("charlie", "delta");
      assertThat(repo.list(4, 2)).extracting(User::username).containsExactly("echo");
      assertThat(repo.list(5, 2)).isEmpty();
    }
  }

  @Test
  void listRejectsNegativeOffsetAndEmptyPages() {
    assertThatThrownBy(() -> users.list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> users.list(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void setStatusDisablesAndReenables() {
    User user = Fixtures.user(unique("hal"));
    users.create(user);
    assertThat(users.setStatus(user.id(), UserStatus.DISABLED)).isTrue();
    assertThat(users.findById(user.id()).orElseThrow().status()).isEqualTo(UserStatus.DISABLED);
    assertThat(users.setStatus(user.id(), UserStatus.ACTIVE)).isTrue();
    assertThat(users.findById(user.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
  }

  @Test
  void whenSetStatusOfUnknownUserThenFalse() {
    assertThat(users.setStatus(UUID.randomUUID(), UserStatus.DISABLED)).isFalse();
  }
}
