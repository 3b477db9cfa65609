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
    boolean firstParty) {

  public ClientMetadata {
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
