package dev.gatehouse.server.store;

import dev.gatehouse.server.testing.MutableClock;
import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.postgres.JdbiConsentRepository;
import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsentRepositoryContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final MutableClock clock = MutableClock.at("2026-04-01T12:00:00Z");
  private static final ConsentRepository consents = new JdbiConsentRepository(db.jdbi(), clock);
  private static final UserRepository users = new JdbiUserRepository(db.jdbi());
  private static final String CLIENT_A = "tool-a";
  private static final String CLIENT_B = "tool-b";

  @BeforeAll
  static void parents() {
    RegisteredClientRepository clients = new JdbiRegisteredClientRepository(db.jdbi(), clock);
    clients.save(Fixtures.client(CLIENT_A));
    clients.save(Fixtures.client(CLIENT_B));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static UUID newUser() {
    User user = Fixtures.user(unique("u"));
    users.create(user);
    return user.id();
  }

  @Test
  void whenNothingGrantedThenEmpty() {
    assertThat(consents.find(newUser(), CLIENT_A)).isEmpty();
  }

  @Test
  void whenGrantedThenScopesAndTimesRoundTrip() {
    UUID user = newUser();
    Consent granted = consents.grant(user, CLIENT_A, Set.of("openid", "email"));
    Consent expected = new Consent(user, CLIENT_A, Set.of("openid", "email"), clock.instant(), clock.instant());
    assertThat(granted).isEqualTo(expected);
    assertThat(consents.find(user, CLIENT_A)).contains(expected);
  }

  @Test
  void whenGrantedAgainThenScopesAreTheUnionAndFirstGrantTimeIsKept() {
    UUID user = newUser();
    Instant first = clock.instant();
    consents.grant(user, CLIENT_A, Set.of("openid", "email"));
    clock.advance(Duration.ofHours(1));
    Consent merged = consents.grant(user, CLIENT_A, Set.of("email", "profile"));
    assertThat(merged.scopes()).containsExactlyInAnyOrder("openid", "email", "profile");
    assertThat(merged.grantedAt()).isEqualTo(first);
    assertThat(merged.updatedAt()).isEqualTo(clock.instant());
  }

  @Test
  void consentIsPerClient() {
    UUID user = newUser();
    consents.grant(user, CLIENT_A, Set.of("openid"));
    assertThat(consents.find(user, CLIENT_B)).isEmpty();
  }

  @Test
  void revokeForgetsTheConsentAndSaysWhetherThereWasOne() {
    UUID user = newUser();
    consents.grant(user, CLIENT_A, Set.of("openid"));
    consents.grant(user, CLIENT_B, Set.of("openid"));
    assertThat(consents.revoke(user, CLIENT_A)).isTrue();
    assertThat(consents.find(user, CLIENT_A)).isEmpty();
    assertThat(consents.find(user, CLIENT_B)).isPresent();
    assertThat(consents.revoke(user, CLIENT_A)).isFalse();
  }
}
