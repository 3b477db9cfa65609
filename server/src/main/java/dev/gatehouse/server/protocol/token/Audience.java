package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The access token's {@code aud} (RFC 9068 §3, RFC 8707 §2): the {@code resource} of the token
 * request if it is one the grant allows, else the resources of the grant, else the issuer (the
 * default audience: tokens for Gatehouse's own userinfo endpoint, and for services that accept
 * Gatehouse tokens without resource indicators).
 */
final class Audience {
  private Audience() {}

  /**
   * @param allowed the grant's resources; {@code null} means any absolute URI may be asked for
   *     (client credentials: there is no resource registry, the scope is what limits the token)
   */
  static List<String> choose(String resource, List<String> allowed, URI issuer) {
    if (resource != null) {
      checkResource(resource);
      // RFC 8707 §2.2: at the token endpoint the resource may only narrow what was authorized.
      if (allowed != null && !allowed.contains(resource)) {
        throw new OAuthException(OAuthError.INVALID_TARGET,
            "The resource was not part of the authorization (RFC 8707 §2.2).");
      }
      return List.of(resource);
    }
    if (allowed != null && !allowed.isEmpty()) {
      return allowed;
    }
    return List.of(issuer.toString());
  }

  static void checkResource(String resource) {
    // RFC 8707 §2: "The value of the resource parameter MUST be an absolute URI ... MUST NOT
    // include a fragment component."
    try {
      URI uri = new URI(resource);
      if (!uri.isAbsolute() || uri.getRawFragment() != null) {
        throw new OAuthException(OAuthError.INVALID_TARGET,
            "resource must be an absolute URI without a fragment (RFC 8707 §2).");
      }
    } catch (URISyntaxException e) {
      throw new OAuthException(OAuthError.INVALID_TARGET, "resource is not a valid URI (RFC 8707 §2).");
    }
  }
}
