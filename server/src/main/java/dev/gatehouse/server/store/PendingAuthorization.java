package dev.gatehouse.server.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An authorization request waiting for the user between pages. {@code request} is the validated
 * request as JSON (owned by the protocol layer). {@code csrfHash} and {@code browserHash} are
 * hashes of the page's CSRF token and of the browser-binding cookie. {@code userId} is
 * {@code null} until the user signed in (or was found signed in) for this request.
 */
public record PendingAuthorization(
    String idHash, String clientId, String request, String csrfHash, String browserHash,
    UUID userId, Instant createdAt, Instant expiresAt) {

  public PendingAuthorization {
    Objects.requireNonNull(idHash, "idHash");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(csrfHash, "csrfHash");
    Objects.requireNonNull(browserHash, "browserHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
