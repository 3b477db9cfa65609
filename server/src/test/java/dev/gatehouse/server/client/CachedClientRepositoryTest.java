package dev.gatehouse.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.ChangeSubscriber;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When a node may answer from its in-memory copy of a client, and when it must go to the
 * database: only while the change feed listens, never after a change it heard, never after the
 * time to live.
 */
class CachedClientRepositoryTest {
  private final CountingStore store = new CountingStore();
  private final AtomicLong nanos = new AtomicLong();
  private final CachedClientRepository cache =
      new CachedClientRepository(store, Duration.ofMinutes(5), 100, nanos::get);

  private static RegisteredClient client(String id, String secretHash) {
    return new RegisteredClient(id, "Client " + id, ClientType.CONFIDENTIAL, secretHash, null,
        List.of(), Set.of("client_credentials"), Set.of("a"), "client_secret_basic", List.of(), false,
        null, null, null, Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void beforeTheFeedListensEveryReadGoesToTheDatabase() {
    store.rows.put("svc", client("svc", "hs1$a"));
    cache.findById("svc");
    cache.findById("svc");
    assertThat(store.reads.get()).isEqualTo(2);
  }

  @Test
  void whileTheFeedListensRepeatedReadsAreServedFromMemory() {
    store.rows.put("svc", client("svc", "hs1$a"));
    cache.listening();
    assertThat(cache.findById("svc")).map(RegisteredClient::secretHash).contains("hs1$a");
    assertThat(cache.findById("svc")).map(RegisteredClient::secretHash).contains("hs1$a");
    assertThat(store.reads.get()).isEqualTo(1);
  }

  @Test
  void aHeardChangeDropsThatClientOnly() {
    store.rows.put("svc", client("svc", "hs1$a"));
    store.rows.put("other", client("other", "hs1$o"));
    cache.listening();
    cache.findById("svc");
    cache.findById("other");
    store.rows.put("svc", client("svc", "hs1$rotated"));
    cache.changed("svc");
    assertThat(cache.findById("svc")).map(RegisteredClient::secretHash).contains("hs1$rotated");
    cache.findById("other");
    assertThat(store.reads.get()).isEqualTo(3);
  }

  @Test
  void aDeletedClientIsGoneOnceTheChangeIsHeard() {
    store.rows.put("svc", client("svc", "hs1$a"));
    cache.listening();
    assertThat(cache.findById("svc")).isPresent();
    store.rows.remove("svc");
    cache.changed("svc");
    assertThat(cache.findById("svc")).isEmpty();
  }

  @Test
  void anUnknownClientIsRememberedUntilItIsCreated() {
    cache.listening();
    assertThat(cache.findById("new")).isEmpty();
    assertThat(cache.findById("new")).isEmpty();
    assertThat(store.reads.get()).isEqualTo(1);
    store.rows.put("new", client("new", "hs1$n"));
    cache.changed("new");
    assertThat(cache.findById("new")).isPresent();
  }

  @Test
  void everyClientIsDroppedOnAChangeToAll() {
    store.rows.put("a", client("a", "hs1$a"));
    store.rows.put("b", client("b", "hs1$b"));
    cache.listening();
    cache.findById("a");
    cache.findById("b");
    cache.changed(ChangeSubscriber.ALL);
    cache.findById("a");
    cache.findById("b");
    assertThat(store.reads.get()).isEqualTo(4);
  }

  @Test
  void whenTheFeedGoesDeafCopiesAreDroppedAndBypassedUntilItListensAgain() {
    store.rows.put("svc", client("svc", "hs1$a"));
    cache.listening();
    cache.findById("svc");
    cache.deaf();
    store.rows.put("svc", client("svc", "hs1$changed-while-deaf"));
    assertThat(cache.findById("svc")).map(RegisteredClient::secretHash).contains("hs1$changed-while-deaf");
    assertThat(cache.findById("svc")).isPresent();
    assertThat(store.reads.get()).isEqualTo(3);
    cache.listening();
    cache.findById("svc");
    cache.findById("svc");
    assertThat(store.reads.get()).isEqualTo(4);
  }

  @Test
  void aCopyExpiresAfterItsTimeToLive() {
    store.rows.put("svc", client("svc", "hs1$a"));
    cache.listening();
    cache.findById("svc");
    nanos.addAndGet(Duration.ofMinutes(5).minusSeconds(1).toNanos());
    cache.findById("svc");
    assertThat(store.reads.get()).isEqualTo(1);
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    cache.findById("svc");
    assertThat(store.reads.get()).isEqualTo(2);
  }

  @Test
  void writesThroughThisNodeDropItsCopyAtOnce() {
    store.rows.put("svc", client("svc", "hs1$a"));
    cache.listening();
    cache.findById("svc");
    assertThat(cache.updateSecretHash("svc", "hs1$b")).isTrue();
    assertThat(cache.findById("svc")).map(RegisteredClient::secretHash).contains("hs1$b");
    cache.save(client("svc", "hs1$c"));
    assertThat(cache.findById("svc")).map(RegisteredClient::secretHash).contains("hs1$c");
    assertThat(cache.delete("svc")).isTrue();
    assertThat(cache.findById("svc")).isEmpty();
  }

  /** An in-memory store that counts reads by id. */
  private static final class CountingStore implements RegisteredClientRepository {
    final Map<String, RegisteredClient> rows = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public void save(RegisteredClient client) {
      rows.put(client.clientId(), client);
    }

    @Override
    public Optional<RegisteredClient> findById(String clientId) {
      reads.incrementAndGet();
      return Optional.ofNullable(rows.get(clientId));
    }

    @Override
    public List<RegisteredClient> list() {
      return List.copyOf(rows.values());
    }

    @Override
    public boolean delete(String clientId) {
      return rows.remove(clientId) != null;
    }

    @Override
    public boolean updateSecretHash(String clientId, String secretHash) {
      RegisteredClient c = rows.get(clientId);
      if (c == null) {
        return false;
      }
      rows.put(clientId, client(clientId, secretHash));
      return true;
    }

    @Override
    public Set<String> allowedCorsOrigins() {
      return Set.of();
    }
  }
}
