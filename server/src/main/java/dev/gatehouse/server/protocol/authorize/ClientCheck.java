package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;

/** RFC 6749 §4.1.1: {@code client_id} is REQUIRED and must name a registered client. */
final class ClientCheck {
  private ClientCheck() {}

  static RegisteredClient registeredClient(RegisteredClientRepository clients, String clientId) {
    if (clientId == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "The client_id parameter is missing.");
    }
    // RFC 6749 §4.1.2.1: with an invalid client the server "MUST NOT automatically redirect the
    // user-agent to the invalid redirection URI" — the error is shown, not redirected.
    return clients.findById(clientId).orElseThrow(() ->
        new OAuthException(OAuthError.INVALID_REQUEST, "The client_id does not name a registered client."));
  }
}
