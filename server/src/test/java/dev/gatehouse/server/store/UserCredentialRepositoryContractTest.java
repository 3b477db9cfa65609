package dev.gatehouse.server.store;

import dev.gatehouse.server.testing.MutableClock;
import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.postgres.JdbiUserCredentialRepository;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UserCredentialRepositoryContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");
  private static final UserRepository users = new JdbiUserRepository(db.jdbi());
  private static final UserCredentialRepository credentials = new JdbiUserCredentialRepository(db.jdbi(), clock);
  private static final String PHC = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

  @AfterAll
  static void close() {
    db.close();
  }

  private static User newUser() {
    User user = Fixtures.user(unique("u"));
    users.create(user);
    return user;
  }

  @Test
  void whenPasswordSetThenPhcStringAndClockTimeRoundTrip() {
    User user = newUser();
    assertThat(credentials.setPasswordHash(user.id(), PHC)).isTrue();
    assertThat(credentials.findPasswordHash(user.id()))
        .contains(new PasswordCredential(user.id(), PHC, clock.instant()));
  }

  @Test
  void whenPasswordSetAgainThenItIsReplaced() {
    User user = newUser();
    credentials.setPasswordHash(user.id(), "$bcrypt-old");
    clock.advance(Duration.ofMinutes(1));
    credentials.setPasswordHash(user.id(), PHC);
    PasswordCredential found = credentials.findPasswordHash(user.id()).orElseThrow();
    assertThat(found.passwordHash()).isEqualTo(PHC);
    assertThat(found.updatedAt()).isEqualTo(clock.instant());
  }

  @Test
  void whenUserHasNoPasswordThenEmpty() {
    assertThat(credentials.findPasswordHash(newUser().id())).isEmpty();
  }

  @Test
  void whenUserUnknownThenSetReturnsFalseAndStoresNothing() {
    UUID unknown = UUID.randomUUID();
    assertThat(credentials.setPasswordHash(unknown, PHC)).isFalse();
    assertThat(credentials.findPasswordHash(unknown)).isEmpty();
  }
}
