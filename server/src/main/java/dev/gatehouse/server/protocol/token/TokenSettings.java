package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.store.RegisteredClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Server-wide token settings: the issuer (default access-token audience, RFC 8707 §2 when no
 * resource was asked for), default lifetimes (a client's own lifetime wins when set), and the
 * refresh-token reuse leeway, and the configured signing algorithms (JOSE names).
 */
public record TokenSettings(
    URI issuer,
    Duration accessTokenLifetime,
    Duration refreshTokenLifetime,
    Duration idTokenLifetime,
    Duration refreshTokenReuseLeeway,
    List<String> signingAlgorithms) {

  public TokenSettings {
    signingAlgorithms = List.copyOf(signingAlgorithms);
  }

  public URI tokenEndpoint() {
    return URI.create(issuer + "/token");
  }

  Duration accessTokenLifetime(RegisteredClient client) {
    return client.accessTokenLifetime() != null ? client.accessTokenLifetime() : accessTokenLifetime;
  }

  Duration refreshTokenLifetime(RegisteredClient client) {
    return client.refreshTokenLifetime() != null ? client.refreshTokenLifetime() : refreshTokenLifetime;
  }

  Duration idTokenLifetime(RegisteredClient client) {
    return client.idTokenLifetime() != null ? client.idTokenLifetime() : idTokenLifetime;
  }
}
