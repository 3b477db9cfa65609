package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.tokens.AccessTokenClaims;
import dev.gatehouse.server.tokens.AccessTokens;
import dev.gatehouse.server.tokens.IssuedAccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 6749 §4.4. No database access at all: the client was loaded by authentication, and nothing
 * is stored (no grant, no refresh token), so this path is one round trip in total.
 */
public final class ClientCredentialsGrant implements Grant {
  private final AccessTokens accessTokens;
  private final TokenSettings settings;

  public ClientCredentialsGrant(AccessTokens accessTokens, TokenSettings settings) {
    this.accessTokens = accessTokens;
    this.settings = settings;
  }

  @Override
  public String grantType() {
    return "client_credentials";
  }

  @Override
  public TokenResponse exchange(Map<String, String> parameters, RegisteredClient client) {
    // RFC 6749 §4.4: "The client credentials grant type MUST only be used by confidential clients."
    if (client.clientType() != ClientType.CONFIDENTIAL) {
      throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
          "The client credentials grant is for confidential clients only (RFC 6749 §4.4).");
    }
    // RFC 6749 §4.4.2 / §3.3: scope within what the client is registered for.
    Set<String> scopes = Scopes.within(parameters.get("scope"), client.scopes(), "the client's registered scopes");
    List<String> audience = Audience.choose(parameters.get("resource"), null, settings.issuer());
    Duration lifetime = settings.accessTokenLifetime(client);
    IssuedAccessToken token = accessTokens.mint(new AccessTokenClaims(client.clientId(), client.clientId(),
        audience, scopes, null, null, List.of(), null, null), lifetime);
    // RFC 6749 §4.4.3: "A refresh token SHOULD NOT be included."
    return new TokenResponse(token.value(), lifetime.getSeconds(), Scopes.format(scopes), null, null);
  }
}
