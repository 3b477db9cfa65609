package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.store.RegisteredClient;
import java.util.Map;

/** One grant type of the token endpoint (DESIGN.md §4.3: one class per grant, chosen by grant_type). */
public interface Grant {
  /** The {@code grant_type} value this class handles. */
  String grantType();

  /**
   * Exchanges the grant for tokens. {@code client} is authenticated and registered for this
   * grant type. Throws {@code OAuthException} for every refusal.
   */
  TokenResponse exchange(Map<String, String> parameters, RegisteredClient client);
}
