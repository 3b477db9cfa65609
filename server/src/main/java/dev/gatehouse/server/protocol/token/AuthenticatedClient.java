package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.store.RegisteredClient;

/** A client that proved its identity with {@code method} (a token_endpoint_auth_method value). */
public record AuthenticatedClient(RegisteredClient client, String method) {
  public String clientId() {
    return client.clientId();
  }
}
