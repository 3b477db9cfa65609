package dev.gatehouse.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A registered OAuth client. {@code secretHash} is a keyed hash made by the caller (never the
 * raw secret) and is {@code null} for public clients and clients that authenticate without a
 * secret. Token lifetimes are {@code null} when the server default applies; when present they are
 * positive whole seconds (that is what is stored).
 */
public record RegisteredClient(
    String clientId,
    String clientName,
    ClientType clientType,
    String secretHash,
    Instant secretRotatedAt,
    List<String> redirectUris,
    Set<String> grantTypes,
    Set<String> scopes,
    String tokenEndpointAuthMethod,
    List<String> postLogoutRedirectUris,
    boolean firstParty,
    Duration accessTokenLifetime,
    Duration refreshTokenLifetime,
    Duration idTokenLifetime,
    Instant createdAt) {

  public RegisteredClient {
    Objects.requireNonNull(clientId, "clientId");
    if (clientId.isEmpty()) {
      throw new IllegalArgumentException("clientId is empty");
    }
    Objects.requireNonNull(clientName, "clientName");
    Objects.requireNonNull(clientType, "clientType");
    if (clientType == ClientType.PUBLIC && secretHash != null) {
      throw new IllegalArgumentException("a public client has no secret (RFC 6749 §2.1)");
    }
    redirectUris = List.copyOf(redirectUris);
    grantTypes = Set.copyOf(grantTypes);
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(tokenEndpointAuthMethod, "tokenEndpointAuthMethod");
    postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
    checkLifetime(accessTokenLifetime, "accessTokenLifetime");
    checkLifetime(refreshTokenLifetime, "refreshTokenLifetime");
    checkLifetime(idTokenLifetime, "idTokenLifetime");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  private static void checkLifetime(Duration lifetime, String name) {
    if (lifetime != null && (lifetime.isNegative() || lifetime.isZero() || lifetime.getNano() != 0)) {
      throw new IllegalArgumentException(name + " must be a positive number of whole seconds");
    }
  }
}
