package dev.gatehouse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.events.EventLog;
import dev.gatehouse.server.store.DuplicateKeyException;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.store.postgres.JdbiOutbox;
import dev.gatehouse.server.store.postgres.JdbiTransactions;
import dev.gatehouse.server.store.postgres.JdbiUserCredentialRepository;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Passwords at rest are Argon2id and are re-hashed at login when the parameters change (issue 2 §6). */
class UserAccountsTest {
  static final PostgresDatabase db = TestPostgres.freshDatabase();
  static final PasswordHashParameters WEAK = new PasswordHashParameters(4 * 1024, 1, 1, 16, 32);

  @AfterAll
  static void close() {
    db.close();
  }

  UserAccounts accounts(PasswordHasher hasher) {
    return new UserAccounts(new JdbiUserRepository(db.jdbi()),
        new JdbiUserCredentialRepository(db.jdbi(), Clock.systemUTC()), hasher,
        new JdbiTransactions(db.jdbi()), new EventLog(new JdbiOutbox(db.jdbi()), URI.create("https://issuer.example")), Clock.systemUTC());
  }

  String storedHash(User user) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT secret FROM user_credentials WHERE user_id = :id AND type = 'password'")
        .bind("id", user.id()).mapTo(String.class).one());
  }

  int events(String type, User user) {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM outbox_events WHERE event_type = :t AND aggregate_id = :id")
        .bind("t", type).bind("id", user.id().toString()).mapTo(Integer.class).one());
  }

  @Test
  void whenParametersChangeThenTheNextSuccessfulLoginRehashesWithTheNewOnes() {
    User user = accounts(new PasswordHasher(WEAK)).register("upgrader", null, null, "pass-word-1".toCharArray());
    assertThat(storedHash(user)).startsWith("$argon2id$v=19$m=4096,t=1,p=1$");

    UserAccounts current = accounts(new PasswordHasher());
    assertThat(current.authenticate("upgrader", "wrong-password".toCharArray())).isEmpty();
    assertThat(storedHash(user)).startsWith("$argon2id$v=19$m=4096,t=1,p=1$");

    assertThat(current.authenticate("upgrader", "pass-word-1".toCharArray())).contains(user);
    assertThat(storedHash(user)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(events("user.password_changed", user)).isEqualTo(1);
    // Still the same password after the upgrade.
    assertThat(current.authenticate("upgrader", "pass-word-1".toCharArray())).contains(user);
    assertThat(events("user.password_changed", user)).isEqualTo(1);
  }

  @Test
  void unknownUsersDisabledUsersAndWrongPasswordsAllFailAlike() {
    UserAccounts accounts = accounts(new PasswordHasher(WEAK));
    accounts.register("carol", "carol@example.com", "Carol", "carols-password".toCharArray());
    assertThat(accounts.authenticate("nobody", "carols-password".toCharArray())).isEmpty();
    assertThat(accounts.authenticate("carol", "not-her-password".toCharArray())).isEmpty();
    assertThat(accounts.authenticate("CAROL", "carols-password".toCharArray())).isPresent();
    accounts.disable("carol");
    assertThat(accounts.authenticate("carol", "carols-password".toCharArray())).isEmpty();
    accounts.enable("carol");
    assertThat(accounts.authenticate("carol", "carols-password".toCharArray())).isPresent();
  }

  @Test
  void aDuplicateUsernameWritesNothingNotEvenItsEvent() {
    UserAccounts accounts = accounts(new PasswordHasher(WEAK));
    User first = accounts.register("dave", null, null, "daves-password".toCharArray());
    assertThatThrownBy(() -> accounts.register("Dave", null, null, "other-password".toCharArray()))
        .isInstanceOf(DuplicateKeyException.class);
    int registered = db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM outbox_events WHERE event_type = 'user.created' AND payload->'data'->>'username' ILIKE 'dave'")
        .mapTo(Integer.class).one());
    assertThat(registered).isEqualTo(1);
    assertThat(accounts.authenticate("dave", "daves-password".toCharArray())).contains(first);
  }
}
