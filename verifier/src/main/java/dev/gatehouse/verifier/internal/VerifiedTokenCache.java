package dev.gatehouse.verifier.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tokens already verified, keyed by {@link TokenDigest}, bounded to {@code maxSize} entries.
 * A hit costs one SHA-256 and one map lookup, no signature check. Entries are dropped once past
 * {@code exp} (checked on every hit), when evicted for room, when revoked, and when the key that
 * signed them leaves the JWKS.
 *
 * <p>Eviction is not LRU: when full, expired entries go first, then an arbitrary tenth. Tokens
 * are short-lived and a service sees each one in a burst, so recency buys little and the lock-free
 * hit path matters more.
 *
 * @param <T> the cached value
 */
public final class VerifiedTokenCache<T> {
  private final int maxSize;
  private final Map<TokenDigest, Entry<T>> entries = new ConcurrentHashMap<>();
  private final ReentrantLock evicting = new ReentrantLock();

  private record Entry<T>(T value, long expiresAtEpochSecond, String keyId) {}

  public VerifiedTokenCache(int maxSize) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("cache size must be at least 1");
    }
    this.maxSize = maxSize;
  }

  /** The value for {@code digest} if present and not past {@code nowEpochSecond}. */
  public T get(TokenDigest digest, long nowEpochSecond) {
    Entry<T> e = entries.get(digest);
    if (e == null) {
      return null;
    }
    if (nowEpochSecond > e.expiresAtEpochSecond()) {
      entries.remove(digest, e);
      return null;
    }
    return e.value();
  }

  /** Caches {@code value} until {@code expiresAtEpochSecond} (the token's exp plus skew). */
  public void put(TokenDigest digest, T value, long expiresAtEpochSecond, String keyId, long nowEpochSecond) {
    if (entries.size() >= maxSize) {
      evict(nowEpochSecond);
    }
    entries.put(digest, new Entry<>(value, expiresAtEpochSecond, keyId));
  }

  /** Drops one entry (a revoked token). */
  public void remove(TokenDigest digest) {
    entries.remove(digest);
  }

  /** Drops every entry signed by a key no longer in {@code keyIds}. */
  public void retainKeys(Set<String> keyIds) {
    entries.values().removeIf(e -> e.keyId() != null && !keyIds.contains(e.keyId()));
  }

  /** Current number of entries. */
  public int size() {
    return entries.size();
  }

  private void evict(long now) {
    if (!evicting.tryLock()) {
      return; // another thread is making room; a brief overshoot is harmless
    }
    try {
      entries.values().removeIf(e -> now > e.expiresAtEpochSecond());
      int excess = entries.size() - maxSize + Math.max(1, maxSize / 10);
      Iterator<TokenDigest> it = entries.keySet().iterator();
      while (excess-- > 0 && it.hasNext()) {
        it.next();
        it.remove();
      }
    } finally {
      evicting.unlock();
    }
  }
}
