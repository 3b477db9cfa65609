package dev.gatehouse.server.protocol.authorize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.PendingAuthorization;
import dev.gatehouse.server.store.PendingAuthorizationRepository;
import dev.gatehouse.server.tokens.SecretHasher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a validated authorization request server-side while the user is on the login and consent
 * pages. The page carries a random id and a CSRF token; the browser carries a binding cookie. All
 * three must match, so a page cannot be posted from another browser (login CSRF) or another site.
 */
public final class PendingAuthorizations {
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  static final String EXPIRED = "This sign-in request has expired or is not valid."
      + " Go back to the application and start again.";

  private final PendingAuthorizationRepository repository;
  private final SecretHasher hasher;
  private final Clock clock;
  private final Duration lifetime;

  /** What the page must echo back: the random id and the CSRF token, plus the browser's binding cookie. */
  public record PageRef(String pendingId, String csrfToken, String browserBinding) {
    @Override
    public String toString() {
      return "PageRef[***]";
    }
  }

  /** A loaded pending request. */
  record Loaded(PageRef ref, String idHash, AuthorizationRequest request, UUID userId) {}

  public PendingAuthorizations(PendingAuthorizationRepository repository, SecretHasher hasher, Clock clock,
      Duration lifetime) {
    this.repository = repository;
    this.hasher = hasher;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  Loaded create(AuthorizationRequest request, String browserBinding, UUID userId) {
    String id = SecretHasher.generateSecret();
    String csrf = SecretHasher.generateSecret();
    Instant now = clock.instant();
    String idHash = hasher.hash(id);
    repository.create(new PendingAuthorization(idHash, request.clientId(), toJson(request), hasher.hash(csrf),
        hasher.hash(browserBinding), userId, now, now.plus(lifetime)));
    // Housekeeping without a scheduler: about one request in a hundred sweeps expired rows
    // (indexed on expires_at), so the table stays as small as the traffic of one lifetime.
    if (ThreadLocalRandom.current().nextInt(100) == 0) {
      repository.deleteExpired(now);
    }
    return new Loaded(new PageRef(id, csrf, browserBinding), idHash, request, userId);
  }

  /** The pending request the page refers to; an error page when anything does not match. */
  Loaded load(PageRef ref) {
    if (ref.pendingId() == null || ref.csrfToken() == null || ref.browserBinding() == null
        || ref.pendingId().length() > 100) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, EXPIRED);
    }
    String idHash = hasher.hash(ref.pendingId());
    PendingAuthorization row = repository.findActive(idHash, clock.instant())
        .orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST, EXPIRED));
    // CSRF: the token in the form and the cookie of the browser that started the request.
    if (!hasher.matches(ref.csrfToken(), row.csrfHash()) || !hasher.matches(ref.browserBinding(), row.browserHash())) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "The form could not be verified (CSRF check failed). Go back to the application and start again.");
    }
    return new Loaded(ref, idHash, fromJson(row.request()), row.userId());
  }

  void setUser(Loaded pending, UUID userId) {
    repository.setUser(pending.idHash(), userId, clock.instant());
  }

  /** Single use: true for exactly one caller. */
  boolean consume(Loaded pending) {
    return repository.consume(pending.idHash(), clock.instant()).isPresent();
  }

  private static String toJson(AuthorizationRequest request) {
    try {
      return JSON.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("authorization request is not serialisable", e);
    }
  }

  private static AuthorizationRequest fromJson(String json) {
    try {
      return JSON.readValue(json, AuthorizationRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored authorization request is unreadable", e);
    }
  }
}
