package dev.gatehouse.verifier;

import dev.gatehouse.verifier.internal.TokenEndpoint;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Obtains and caches this service's own access token (client credentials, RFC 6749 §4.4) for
 * calls to other services. Thread-safe; build one per (client, scope set) and share it.
 *
 * <ul>
 *   <li>The token is reused until {@code refreshBefore} ahead of its expiry (never later than
 *       half its lifetime), then renewed.
 *   <li>Renewal is single-flight: concurrent callers wait for one request; while the old token
 *       is still valid they keep using it instead of waiting.
 *   <li>Network errors and 5xx are retried with backoff; 4xx (e.g. {@code invalid_client}) are
 *       not.
 * </ul>
 *
 * <pre>{@code
 * TokenClient tokens = TokenClient.builder()
 *     .tokenEndpoint(URI.create("https://login.example.com/token"))
 *     .clientSecret("orders", System.getenv("ORDERS_SECRET"))
 *     .scopes("billing:charge")
 *     .build();
 * HttpRequest request = tokens.authorize(HttpRequest.newBuilder(uri)).GET().build();
 * }</pre>
 */
public final class TokenClient {
  private final TokenEndpoint endpoint;
  private final Clock clock;
  private final Duration refreshBefore;
  private final Duration defaultLifetime;
  private final ReentrantLock renewing = new ReentrantLock();
  private volatile Cached cached;

  private record Cached(String token, Instant refreshAt, Instant expiresAt) {}

  TokenClient(TokenEndpoint endpoint, Clock clock, Duration refreshBefore, Duration defaultLifetime) {
    this.endpoint = endpoint;
    this.clock = clock;
    this.refreshBefore = refreshBefore;
    this.defaultLifetime = defaultLifetime;
  }

  /** A builder; the token endpoint and one client authentication are required. */
  public static TokenClientBuilder builder() {
    return new TokenClientBuilder();
  }

  /**
   * A valid access token, from the cache or freshly requested.
   *
   * @throws TokenRequestException when the endpoint refused (4xx) or stayed unavailable
   * @throws InterruptedException when interrupted while waiting or backing off
   */
  public String accessToken() throws TokenRequestException, InterruptedException {
    Cached c = cached;
    Instant now = clock.instant();
    if (c != null && now.isBefore(c.refreshAt())) {
      return c.token();
    }
    if (c != null && now.isBefore(c.expiresAt()) && !renewing.tryLock()) {
      return c.token(); // someone is renewing; the current token is still good
    }
    if (!renewing.isHeldByCurrentThread()) {
      renewing.lockInterruptibly();
    }
    try {
      Cached again = cached;
      if (again != null && clock.instant().isBefore(again.refreshAt())) {
        return again.token();
      }
      TokenEndpoint.Issued issued = endpoint.request();
      Instant obtained = clock.instant();
      Duration lifetime = issued.expiresIn().orElse(defaultLifetime);
      Duration early = refreshBefore.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshBefore;
      cached = new Cached(issued.accessToken(), obtained.plus(lifetime).minus(early), obtained.plus(lifetime));
      return issued.accessToken();
    } finally {
      renewing.unlock();
    }
  }

  /**
   * Sets {@code Authorization: Bearer <token>} (RFC 6750 §2.1) on a JDK {@link HttpRequest}
   * builder and returns it.
   */
  public HttpRequest.Builder authorize(HttpRequest.Builder request) throws TokenRequestException, InterruptedException {
    return request.setHeader("Authorization", "Bearer " + accessToken());
  }

  /** Forgets the cached token, e.g. after a downstream service answered 401 to it. */
  public void invalidate() {
    cached = null;
  }
}
