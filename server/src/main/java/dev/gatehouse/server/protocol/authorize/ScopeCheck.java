package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.RegisteredClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** RFC 6749 §3.3: space-delimited scope tokens, each registered for the client. */
final class ScopeCheck {
  // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
  private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  private ScopeCheck() {}

  static List<String> scopes(String scope, RegisteredClient client) {
    if (scope == null) {
      throw new OAuthException(OAuthError.INVALID_SCOPE,
          "The scope parameter is missing; this server has no default scope.");
    }
    Set<String> requested = new LinkedHashSet<>();
    for (String token : scope.split(" ", -1)) {
      if (token.isEmpty()) {
        continue;
      }
      if (!TOKEN.matcher(token).matches()) {
        throw new OAuthException(OAuthError.INVALID_SCOPE, "The scope contains an invalid character.");
      }
      requested.add(token);
    }
    if (requested.isEmpty()) {
      throw new OAuthException(OAuthError.INVALID_SCOPE, "The scope parameter is empty.");
    }
    // RFC 6749 §4.1.2.1 invalid_scope: "The requested scope is invalid, unknown, or malformed."
    for (String token : requested) {
      if (!client.scopes().contains(token)) {
        throw new OAuthException(OAuthError.INVALID_SCOPE,
            "The scope '" + token + "' is not registered for this client.");
      }
    }
    return new ArrayList<>(requested);
  }
}
