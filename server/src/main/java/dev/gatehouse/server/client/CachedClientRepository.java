package dev.gatehouse.server.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.gatehouse.server.store.ChangeSubscriber;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Registered clients kept in memory, so the token endpoint does not read the client from
 * PostgreSQL on every grant. A copy is trusted only while a change feed is {@link #listening()}:
 * every committed change to a client, by any node or the CLI, drops that client's copy on every
 * node (PostgreSQL {@code NOTIFY}, see {@code V17__client_change_notifications.sql}); while the
 * feed is deaf every read goes to the database, and copies taken before are dropped. A copy also
 * expires after {@code timeToLive}, as a backstop. Unknown client ids are remembered too (as
 * empty), so guessing ids costs one query per id, not one per request.
 */
public final class CachedClientRepository implements RegisteredClientRepository, ChangeSubscriber {
  private final RegisteredClientRepository store;
  private final Cache<String, Optional<RegisteredClient>> copies;
  private volatile boolean listening;

  public CachedClientRepository(RegisteredClientRepository store, Duration timeToLive, long maximumSize) {
    this(store, timeToLive, maximumSize, Ticker.systemTicker());
  }

  CachedClientRepository(RegisteredClientRepository store, Duration timeToLive, long maximumSize, Ticker ticker) {
    this.store = store;
    this.copies = Caffeine.newBuilder()
        .expireAfterWrite(timeToLive)
        .maximumSize(maximumSize)
        .ticker(ticker)
        .recordStats()
        .build();
  }

  /** The cache, for its hit and miss metrics. */
  public Cache<String, Optional<RegisteredClient>> copies() {
    return copies;
  }

  @Override
  public Optional<RegisteredClient> findById(String clientId) {
    if (!listening) {
      return store.findById(clientId);
    }
    return copies.get(clientId, store::findById);
  }

  @Override
  public void save(RegisteredClient client) {
    try {
      store.save(client);
    } finally {
      copies.invalidate(client.clientId());
    }
  }

  @Override
  public boolean delete(String clientId) {
    try {
      return store.delete(clientId);
    } finally {
      copies.invalidate(clientId);
    }
  }

  @Override
  public boolean updateSecretHash(String clientId, String secretHash) {
    try {
      return store.updateSecretHash(clientId, secretHash);
    } finally {
      copies.invalidate(clientId);
    }
  }

  @Override
  public List<RegisteredClient> list() {
    return store.list();
  }

  @Override
  public Set<String> allowedCorsOrigins() {
    return store.allowedCorsOrigins();
  }

  @Override
  public void listening() {
    copies.invalidateAll();
    listening = true;
  }

  @Override
  public void changed(String key) {
    if (ALL.equals(key)) {
      copies.invalidateAll();
    } else {
      copies.invalidate(key);
    }
  }

  @Override
  public void deaf() {
    listening = false;
    copies.invalidateAll();
  }
}
