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
 *
 * <p>{@code idTokenSignedResponseAlg} is the JOSE name of the ID token signature (OIDC Core
 * §3.1.3.7; RS256 by default). {@code jwks} (a JWK Set as JSON) or {@code jwksUri} holds the
 * client's public keys for {@code private_key_jwt} (RFC 7523), at most one of them, else both
 * {@code null}. {@code allowedCorsOrigins} are the browser origins ({@code scheme://host[:port]})
 * allowed to call the token-side endpoints (W3C Fetch CORS).
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
    Instant createdAt,
    String idTokenSignedResponseAlg,
    String jwks,
    String jwksUri,
    List<String> allowedCorsOrigins) {

  public static final String DEFAULT_ID_TOKEN_ALG = "RS256";

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
    Objects.requireNonNull(idTokenSignedResponseAlg, "idTokenSignedResponseAlg");
    if (jwks != null && jwksUri != null) {
      throw new IllegalArgumentException("jwks and jwks_uri are mutually exclusive (RFC 7591 §2)");
    }
    allowedCorsOrigins = List.copyOf(allowedCorsOrigins);
  }

  /** A client with the token-side metadata at its defaults (RS256 ID tokens, no keys, no CORS). */
  public RegisteredClient(
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
    this(clientId, clientName, clientType, secretHash, secretRotatedAt, redirectUris, grantTypes,
        scopes, tokenEndpointAuthMethod, postLogoutRedirectUris, firstParty, accessTokenLifetime,
        refreshTokenLifetime, idTokenLifetime, createdAt, DEFAULT_ID_TOKEN_ALG, null, null, List.of());
  }

  private static void checkLifetime(Duration lifetime, String name) {
    if (lifetime != null && (lifetime.isNegative() || lifetime.isZero() || lifetime.getNano() != 0)) {
      throw new IllegalArgumentException(name + " must be a positive number of whole seconds");
    }
  }
}
