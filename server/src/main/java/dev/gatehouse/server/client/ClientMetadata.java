package dev.gatehouse.server.client;

import dev.gatehouse.server.store.ClientType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator (CLI now, admin API later) asks to register, before validation and
 * defaults. Empty collections and empty optionals mean "use the default for this client type".
 *
 * @param secret a caller-chosen secret for a confidential client; empty means generate one
 *     (none for {@code private_key_jwt} clients: they authenticate with their keys)
 * @param idTokenSignedResponseAlg OIDC Core §3.1.3.7; empty means RS256
 * @param jwks a JWK Set (JSON) of the client's public keys, for {@code private_key_jwt}
 * @param jwksUri where the client publishes its JWK Set, for {@code private_key_jwt}
 * @param allowedCorsOrigins browser origins ({@code https://app.example.com}) allowed CORS access
 */
public record ClientMetadata(
    String clientId,
    String clientName,
    ClientType clientType,
    Optional<String> secret,
    List<String> redirectUris,
    Set<String> grantTypes,
    Set<String> scopes,
    Optional<String> tokenEndpointAuthMethod,
    List<String> postLogoutRedirectUris,
    boolean firstParty,
    Optional<String> idTokenSignedResponseAlg,
    Optional<String> jwks,
    Optional<String> jwksUri,
    List<String> allowedCorsOrigins) {

  /** Without token-side metadata: RS256 ID tokens, no keys, no CORS origins. */
  public ClientMetadata(String clientId, String clientName, ClientType clientType, Optional<String> secret,
      List<String> redirectUris, Set<String> grantTypes, Set<String> scopes, Optional<String> tokenEndpointAuthMethod,
      List<String> postLogoutRedirectUris, boolean firstParty) {
    this(clientId, clientName, clientType, secret, redirectUris, grantTypes, scopes, tokenEndpointAuthMethod,
        postLogoutRedirectUris, firstParty, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  public ClientMetadata {
    allowedCorsOrigins = List.copyOf(allowedCorsOrigins);
    redirectUris = List.copyOf(redirectUris);
    grantTypes = Set.copyOf(grantTypes);
    scopes = Set.copyOf(scopes);
    postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
  }

  @Override
  public String toString() {
    return "ClientMetadata[" + clientId + ", " + clientType + ", secret=" + (secret.isPresent() ? "***" : "generated") + "]";
  }
}
