package dev.gatehouse.server.protocol.token;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The {@code scope} parameter (RFC 6749 §3.3). */
public final class Scopes {
  // RFC 6749 §3.3: scope = scope-token *( SP scope-token ); scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
  private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

  private Scopes() {}

  /** Parses a scope parameter; {@code null} gives an empty set. */
  public static Set<String> parse(String scope) {
    if (scope == null) {
      return Set.of();
    }
    if (!SCOPE.matcher(scope).matches()) {
      throw new OAuthException(OAuthError.INVALID_SCOPE,
          "The scope parameter must be space-separated scope tokens (RFC 6749 §3.3).");
    }
    return new LinkedHashSet<>(java.util.List.of(scope.split(" ")));
  }

  /**
   * The requested scopes if they are within {@code allowed}, or {@code allowed} itself when
   * nothing was requested (RFC 6749 §3.3: "process the request using a pre-defined default").
   */
  public static Set<String> within(String requested, Set<String> allowed, String what) {
    Set<String> scopes = parse(requested);
    if (scopes.isEmpty()) {
      return allowed;
    }
    for (String scope : scopes) {
      if (!allowed.contains(scope)) {
        throw new OAuthException(OAuthError.INVALID_SCOPE, "Scope '" + scope + "' exceeds " + what + ".");
      }
    }
    return scopes;
  }

  /** Space-separated, sorted, or {@code null} when empty (the {@code scope} response member). */
  public static String format(Collection<String> scopes) {
    return scopes.isEmpty() ? null : String.join(" ", new TreeSet<>(scopes));
  }
}
