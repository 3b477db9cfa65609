package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.RegisteredClientRepository;
import dev.gatehouse.server.tokens.SecretHasher;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Client authentication at the token, introspection and revocation endpoints: {@code
 * client_secret_basic}, {@code client_secret_post} (RFC 6749 §2.3.1), {@code private_key_jwt}
 * (RFC 7523 §2.2) and {@code none} for public clients (client_id only). One database round trip
 * (the client), plus one for a private_key_jwt assertion's jti. Secrets are checked with the fast
 * keyed hash, never Argon2 (DESIGN.md §6).
 */
public final class ClientAuthenticator {
  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private final RegisteredClientRepository clients;
  private final SecretHasher hasher;
  private final ClientAssertionVerifier assertions;

  public ClientAuthenticator(RegisteredClientRepository clients, SecretHasher hasher, ClientAssertionVerifier assertions) {
    this.clients = clients;
    this.hasher = hasher;
    this.assertions = assertions;
  }

  /**
   * @param authorization the {@code Authorization} header, or {@code null}
   * @throws OAuthException invalid_request for malformed or ambiguous credentials, invalid_client
   *     when authentication fails
   */
  public AuthenticatedClient authenticate(Map<String, String> parameters, String authorization) {
    String[] basic = basic(authorization);
    boolean post = parameters.containsKey("client_secret");
    boolean jwt = parameters.containsKey("client_assertion") || parameters.containsKey("client_assertion_type");
    int methods = (basic != null ? 1 : 0) + (post ? 1 : 0) + (jwt ? 1 : 0);
    if (methods > 1) {
      // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "The request uses more than one client authentication method.");
    }
    String bodyClientId = parameters.get("client_id");
    if (basic != null) {
      if (bodyClientId != null && !bodyClientId.equals(basic[0])) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "client_id in the body differs from the client authenticated with HTTP Basic.");
      }
      return secret(basic[0], basic[1], "client_secret_basic");
    }
    if (post) {
      if (bodyClientId == null) {
        throw new OAuthException(OAuthError.INVALID_REQUEST, "client_secret_post needs client_id.");
      }
      return secret(bodyClientId, parameters.get("client_secret"), "client_secret_post");
    }
    if (jwt) {
      if (!JWT_BEARER.equals(parameters.get("client_assertion_type"))) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "client_assertion_type must be " + JWT_BEARER + " (RFC 7523 §2.2).");
      }
      String assertion = parameters.get("client_assertion");
      if (assertion == null) {
        throw new OAuthException(OAuthError.INVALID_REQUEST, "client_assertion is missing.");
      }
      String clientId = ClientAssertionVerifier.issuer(assertion);
      if (bodyClientId != null && !bodyClientId.equals(clientId)) {
        throw new OAuthException(OAuthError.INVALID_CLIENT, "client_id differs from the assertion's issuer.");
      }
      RegisteredClient client = registered(clientId, "private_key_jwt");
      assertions.verify(assertion, client);
      return new AuthenticatedClient(client, "private_key_jwt");
    }
    if (bodyClientId == null) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication is required.");
    }
    RegisteredClient client = registered(bodyClientId, "none");
    if (client.clientType() != ClientType.PUBLIC) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication failed.");
    }
    return new AuthenticatedClient(client, "none");
  }

  private AuthenticatedClient secret(String clientId, String secret, String method) {
    RegisteredClient client = registered(clientId, method);
    // Constant-time comparison of HMACs (DESIGN.md §7); no Argon2 on this path.
    if (client.secretHash() == null || !hasher.matches(secret, client.secretHash())) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication failed.");
    }
    return new AuthenticatedClient(client, method);
  }

  private RegisteredClient registered(String clientId, String method) {
    RegisteredClient client = clients.findById(clientId)
        .orElseThrow(() -> new OAuthException(OAuthError.INVALID_CLIENT, "Client authentication failed."));
    // A client authenticates only with the method it registered (RFC 7591 §2
    // token_endpoint_auth_method), so a stolen secret of a private_key_jwt client is useless.
    if (!client.tokenEndpointAuthMethod().equals(method)) {
      throw new OAuthException(OAuthError.INVALID_CLIENT,
          "This client must authenticate with " + client.tokenEndpointAuthMethod() + ".");
    }
    return client;
  }

  /** {@code [id, secret]} of an HTTP Basic header, or {@code null} if there is none. */
  static String[] basic(String authorization) {
    if (authorization == null) {
      return null;
    }
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "The token endpoint accepts only HTTP Basic in the Authorization header.");
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authorization.substring(space + 1).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "The Basic credentials are not valid base64.");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "The Basic credentials have no ':'.");
    }
    try {
      // RFC 6749 §2.3.1: id and secret are application/x-www-form-urlencoded before Basic encoding.
      String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
      String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
      if (id.isEmpty()) {
        throw new OAuthException(OAuthError.INVALID_CLIENT, "The Basic credentials have an empty client id.");
      }
      return new String[] {id, secret};
    } catch (IllegalArgumentException e) {
      throw new OAuthException(OAuthError.INVALID_CLIENT, "The Basic credentials are not form-urlencoded.");
    }
  }
}
