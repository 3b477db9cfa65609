package dev.gatehouse.server.store;

import dev.gatehouse.server.testing.MutableClock;
import static dev.gatehouse.server.store.Fixtures.T0;
import static dev.gatehouse.server.store.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RegisteredClientRepositoryContractTest {
  private static final PostgresDatabase db = TestPostgres.freshDatabase();
  private static final MutableClock clock = MutableClock.at("2026-02-01T10:00:00.123456Z");
  private static final RegisteredClientRepository clients =
      new JdbiRegisteredClientRepository(db.jdbi(), clock);

  @AfterAll
  static void close() {
    db.close();
  }

  private static RegisteredClient confidential(String clientId) {
    return new RegisteredClient(
        clientId, "Orders service", ClientType.CONFIDENTIAL, "hmac-sha256$k1$abc",
        T0.plusSeconds(5), List.of("https://b.example/cb", "https://a.example/cb"),
        Set.of("authorization_code", "refresh_token", "client_credentials"),
        Set.of("openid", "orders:read", "orders:write"), "client_secret_basic",
        List.of("https://b.example/bye", "https://a.example/bye"), true,
        Duration.ofMinutes(5), Duration.ofDays(30), Duration.ofSeconds(300), T0.plusNanos(123_000));
  }

  @Test
  void whenSavedThenEveryFieldRoundTripsAndRedirectUrisKeepTheirOrder() {
    RegisteredClient client = confidential(unique("c"));
    clients.save(client);
    assertThat(clients.findById(client.clientId())).contains(client);
  }

  @Test
  void whenPublicClientWithoutSecretOrLifetimesThenNullsRoundTrip() {
    RegisteredClient client = Fixtures.client(unique("p"));
    clients.save(client);
    RegisteredClient found = clients.findById(client.clientId()).orElseThrow();
    assertThat(found).isEqualTo(client);
    assertThat(found.secretHash()).isNull();
    assertThat(found.accessTokenLifetime()).isNull();
  }

  @Test
  void whenSavedAgainThenFieldsAreReplacedButCreatedAtIsKept() {
    RegisteredClient first = confidential(unique("c"));
    clients.save(first);
    RegisteredClient changed = new RegisteredClient(
        first.clientId(), "Renamed", ClientType.CONFIDENTIAL, null, null, List.of("https://c.example/cb"),
        Set.of("client_credentials"), Set.of(), "private_key_jwt", List.of(), false,
        null, null, null, T0.plusSeconds(999));
    clients.save(changed);
    RegisteredClient found = clients.findById(first.clientId()).orElseThrow();
    assertThat(found.clientName()).isEqualTo("Renamed");
    assertThat(found.redirectUris()).containsExactly("https://c.example/cb");
    assertThat(found.secretHash()).isNull();
    assertThat(found.tokenEndpointAuthMethod()).isEqualTo("private_key_jwt");
    assertThat(found.createdAt()).isEqualTo(first.createdAt());
  }

  @Test
  void whenClientIdUnknownThenEmpty() {
    assertThat(clients.findById("no-such-client")).isEmpty();
  }

  @Test
  void listIsOrderedByClientId() {
    String prefix = unique("list");
    clients.save(Fixtures.client(prefix + "-b"));
    clients.save(Fixtures.client(prefix + "-a"));
    clients.save(Fixtures.client(prefix + "-c"));
    List<String> ids = clients.list().stream().map(RegisteredClient::clientId).toList();
    assertThat(ids).isSorted();
    assertThat(ids.stream().filter(id -> id.startsWith(prefix)))
        .containsExactly(prefix + "-a", prefix + "-b", prefix + "-c");
  }

  @Test
  void deleteReturnsWhetherTheClientExisted() {
    RegisteredClient client = Fixtures.client(unique("d"));
    clients.save(client);
    assertThat(clients.delete(client.clientId())).isTrue();
    assertThat(clients.findById(client.clientId())).isEmpty();
    assertThat(clients.delete(client.clientId())).isFalse();
  }

  @Test
  void whenSecretHashUpdatedThenRotatedAtComesFromTheClock() {
    RegisteredClient client = confidential(unique("s"));
    clients.save(client);
    assertThat(clients.updateSecretHash(client.clientId(), "hmac-sha256$k2$def")).isTrue();
    RegisteredClient found = clients.findById(client.clientId()).orElseThrow();
    assertThat(found.secretHash()).isEqualTo("hmac-sha256$k2$def");
    assertThat(found.secretRotatedAt()).isEqualTo(clock.instant());
  }

  @Test
  void whenSecretHashUpdatedForUnknownClientThenFalse() {
    assertThat(clients.updateSecretHash("no-such-client", "x")).isFalse();
  }

  @Test
  void publicClientsCannotHoldASecret() {
    // RFC 6749 §2.1: public clients cannot keep credentials confidential.
    assertThatThrownBy(() -> new RegisteredClient(
            "x", "x", ClientType.PUBLIC, "hash", null, List.of(), Set.of(), Set.of(), "none",
            List.of(), false, null, null, null, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokenLifetimesMustBeWholePositiveSeconds() {
    assertThatThrownBy(() -> new RegisteredClient(
            "x", "x", ClientType.PUBLIC, null, null, List.of(), Set.of(), Set.of(), "none",
            List.of(), false, Duration.ofMillis(1500), null, null, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
