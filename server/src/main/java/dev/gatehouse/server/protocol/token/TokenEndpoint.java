package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token endpoint (RFC 6749 §3.2) as a pipeline: authenticate the client, read grant_type,
 * check the client may use it, hand over to the grant's class.
 */
public final class TokenEndpoint {
  private final ClientAuthenticator authenticator;
  private final Map<String, Grant> grants = new LinkedHashMap<>();

  public TokenEndpoint(ClientAuthenticator authenticator, List<Grant> grants) {
    this.authenticator = authenticator;
    for (Grant grant : grants) {
      this.grants.put(grant.grantType(), grant);
    }
  }

  /**
   * @param parameters the form body, single-valued (RFC 6749 §3.1 already applied)
   * @param authorization the Authorization header or {@code null}
   */
  public TokenResponse handle(Map<String, String> parameters, String authorization) {
    AuthenticatedClient client = authenticator.authenticate(parameters, authorization);
    String grantType = parameters.get("grant_type");
    if (grantType == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "grant_type is missing.");
    }
    Grant grant = grants.get(grantType);
    if (grant == null) {
      throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE,
          "grant_type '" + grantType + "' is not supported; use " + String.join(", ", grants.keySet()) + ".");
    }
    // RFC 6749 §5.2 unauthorized_client: "The authenticated client is not authorized to use this
    // authorization grant type."
    if (!client.client().grantTypes().contains(grantType)) {
      throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
          "This client is not registered for the " + grantType + " grant.");
    }
    return grant.exchange(parameters, client.client());
  }
}
