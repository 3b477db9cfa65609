package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.RegisteredClient;
import java.util.regex.Pattern;

/** RFC 7636 §4.3 and §4.4.1; OAuth 2.1 §4.1.1 and RFC 9700 §2.1.1 for when it is required. */
final class PkceCheck {
  // RFC 7636 §4.2 (same ABNF as code_verifier §4.1): 43*128 unreserved characters.
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private PkceCheck() {}

  /** The challenge (or null when none was sent by a confidential client). */
  static String challenge(String challenge, String method, RegisteredClient client) {
    if (challenge == null) {
      if (method != null) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "code_challenge_method was sent without code_challenge.");
      }
      // RFC 7636 §4.4.1: a server that requires PKCE answers invalid_request; OAuth 2.1 §2.1
      // requires it of public clients.
      if (client.clientType() == ClientType.PUBLIC) {
        throw new OAuthException(OAuthError.INVALID_REQUEST,
            "code_challenge is required for public clients (PKCE, RFC 7636).");
      }
      return null;
    }
    // RFC 7636 §4.3: a missing method defaults to "plain"; we support S256 only (RFC 9700 §2.1.1).
    if (!"S256".equals(method)) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "code_challenge_method must be S256; plain is not supported.");
    }
    if (!CHALLENGE.matcher(challenge).matches()) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "code_challenge must be 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].");
    }
    return challenge;
  }
}
