package dev.gatehouse.server.client;

import dev.gatehouse.server.store.RegisteredClientRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The browser origins registered by any client ({@code allowed_cors_origins}), as an in-memory
 * snapshot reloaded at most every {@code refreshInterval} (one query per node per interval, not
 * per request). While the database is down the last snapshot keeps answering.
 */
public final class AllowedOrigins {
  private final RegisteredClientRepository clients;
  private final Clock clock;
  private final Duration refreshInterval;
  private final ReentrantLock reloading = new ReentrantLock();
  private volatile @Nullable Snapshot snapshot;

  private record Snapshot(Set<String> origins, Instant loadedAt) {}

  public AllowedOrigins(RegisteredClientRepository clients, Clock clock, Duration refreshInterval) {
    this.clients = clients;
    this.clock = clock;
    this.refreshInterval = refreshInterval;
  }

  /** Whether some client registered exactly this origin (compared ignoring the case of scheme and host). */
  public boolean allows(String origin) {
    if (origin == null || origin.equals("null")) {
      return false;
    }
    return current().origins().contains(origin.toLowerCase(Locale.ROOT));
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    Instant now = clock.instant();
    if (s != null && now.isBefore(s.loadedAt().plus(refreshInterval))) {
      return s;
    }
    if (s != null && !reloading.tryLock()) {
      return s;
    }
    if (s == null) {
      reloading.lock();
    }
    try {
      Set<String> origins;
      try {
        origins = clients.allowedCorsOrigins().stream().map(o -> o.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
      } catch (RuntimeException e) {
        if (s == null) {
          throw e;
        }
        origins = s.origins();
      }
      Snapshot fresh = new Snapshot(origins, now);
      snapshot = fresh;
      return fresh;
    } finally {
      reloading.unlock();
    }
  }
}
