package dev.gatehouse.verifier.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The issuer's keys, cached for as long as the JWKS response's {@code Cache-Control: max-age}
 * says (clamped to [{@code minTtl}, {@code maxTtl}]; {@code defaultTtl} without a header).
 *
 * <ul>
 *   <li><b>Single-flight</b>: one lock guards fetching; callers that waited on it re-check whether
 *       the set changed while they waited, so N concurrent callers cause one fetch.
 *   <li><b>Rate-limited</b>: a refresh for an unknown {@code kid} happens at most once per
 *       {@code refreshInterval}, so a stream of tokens with made-up key ids cannot turn the
 *       verifier into a load generator against the issuer.
 *   <li><b>Stale on failure</b>: when a fetch fails the previous set stays in use (the issuer
 *       publishes keys before using them and keeps them after, so a known key stays valid), and
 *       the next attempt waits {@code refreshInterval}.
 *   <li><b>Expiry without stalls</b>: when the set is past its lifetime, one caller refreshes it
 *       while the others keep using the old set.
 * </ul>
 *
 * Waiting uses a {@link ReentrantLock}, not {@code synchronized}, so virtual threads do not pin.
 */
public final class JwksCache {
  /** Before any set was fetched, failures are retried after this much, not refreshInterval. */
  private static final Duration COLD_RETRY = Duration.ofSeconds(1);

  private final JwksFetcher fetcher;
  private final Clock clock;
  private final Duration minTtl;
  private final Duration maxTtl;
  private final Duration defaultTtl;
  private final Duration refreshInterval;
  private final Consumer<KeySet> onChange;
  private final ReentrantLock lock = new ReentrantLock();
  private final LongAdder fetches = new LongAdder();
  private final LongAdder failures = new LongAdder();

  private volatile Snapshot snapshot;
  private volatile Instant lastAttempt = Instant.EPOCH;
  private volatile IOException lastFailure;

  /** A set and how long it stays fresh. */
  public record Snapshot(KeySet keys, Instant expiresAt) {}

  public JwksCache(JwksFetcher fetcher, Clock clock, Duration minTtl, Duration maxTtl, Duration defaultTtl,
      Duration refreshInterval, Consumer<KeySet> onChange) {
    this.fetcher = Objects.requireNonNull(fetcher);
    this.clock = Objects.requireNonNull(clock);
    this.minTtl = minTtl;
    this.maxTtl = maxTtl;
    this.defaultTtl = defaultTtl;
    this.refreshInterval = refreshInterval;
    this.onChange = onChange;
  }

  /** The current set, fetching it if there is none yet and refreshing it if it is stale. */
  public Snapshot current() throws JwksUnavailableException {
    Snapshot s = snapshot;
    if (s == null) {
      return refresh(null, COLD_RETRY);
    }
    Instant now = clock.instant();
    if (now.isAfter(s.expiresAt()) && !now.isBefore(lastAttempt.plus(refreshInterval)) && lock.tryLock()) {
      try {
        if (snapshot == s) {
          fetchLocked();
        }
      } finally {
        lock.unlock();
      }
    }
    return snapshot;
  }

  /**
   * Called when a token names a key {@code seen} does not hold: refreshes once (single-flight,
   * rate-limited) and returns the newest set, which may still lack the key.
   */
  public Snapshot refreshForUnknownKey(Snapshot seen) throws JwksUnavailableException {
    return refresh(seen, refreshInterval);
  }

  private Snapshot refresh(Snapshot seen, Duration minGap) throws JwksUnavailableException {
    lock.lock();
    try {
      Snapshot now = snapshot;
      if (now != null && now != seen) {
        return now; // another caller fetched while this one waited: single flight
      }
      if (clock.instant().isBefore(lastAttempt.plus(minGap))) {
        if (now == null) {
          throw new JwksUnavailableException("JWKS fetch failed recently; retrying after " + minGap, lastFailure);
        }
        return now; // rate-limited: answer from what we have
      }
      fetchLocked();
      if (snapshot == null) {
        throw new JwksUnavailableException("JWKS could not be fetched and none is cached", lastFailure);
      }
      return snapshot;
    } finally {
      lock.unlock();
    }
  }

  private void fetchLocked() {
    lastAttempt = clock.instant();
    fetches.increment();
    try {
      JwksFetcher.Fetched fetched = fetcher.fetch();
      Duration ttl = CacheControl.clamp(fetched.maxAge().orElse(defaultTtl), minTtl, maxTtl);
      snapshot = new Snapshot(fetched.keys(), clock.instant().plus(ttl));
      lastFailure = null;
      if (onChange != null) {
        onChange.accept(fetched.keys());
      }
    } catch (IOException e) {
      failures.increment();
      lastFailure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.increment();
      lastFailure = new IOException("interrupted while fetching the JWKS", e);
    }
  }

  /** JWKS fetches attempted so far. */
  public long fetchCount() {
    return fetches.sum();
  }

  /** JWKS fetches that failed so far. */
  public long failureCount() {
    return failures.sum();
  }

  /** No JWKS is available: not fetched yet, and the fetch failed. */
  public static final class JwksUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    JwksUnavailableException(String message, Throwable cause) {
      super(cause == null ? message : message + ": " + cause.getMessage(), cause);
    }
  }
}
