package dev.gatehouse.server.protocol.authorize;

import dev.gatehouse.server.protocol.OAuthError;
import dev.gatehouse.server.protocol.OAuthException;
import dev.gatehouse.server.store.RegisteredClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * RFC 6749 §3.1.2.3 and RFC 9700 §4.1.3: the redirect URI is compared with the registered ones by
 * exact string match. The one exception is RFC 8252 §7.3: for loopback IP literals the port is
 * chosen by the native app at run time, so it is ignored. Failure is never redirected.
 */
final class RedirectUriCheck {
  private static final Set<String> LOOPBACK_IPS = Set.of("127.0.0.1", "[::1]");

  private RedirectUriCheck() {}

  static String check(RegisteredClient client, String redirectUri) {
    // OAuth 2.1 §4.1.1: redirect_uri is REQUIRED (we require it even with one registered URI,
    // so the token request's redirect_uri check always has a value to compare).
    if (redirectUri == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST, "The redirect_uri parameter is missing.");
    }
    for (String registered : client.redirectUris()) {
      if (registered.equals(redirectUri) || loopbackMatch(registered, redirectUri)) {
        return redirectUri;
      }
    }
    // RFC 6749 §4.1.2.1: "the authorization server SHOULD inform the resource owner of the error
    // and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
    throw new OAuthException(OAuthError.INVALID_REQUEST,
        "The redirect_uri is not registered for this client.");
  }

  /** RFC 8252 §7.3: "MUST allow any port to be specified at the time of the request for loopback IP redirect URIs". */
  static boolean loopbackMatch(String registered, String requested) {
    URI r;
    URI q;
    try {
      r = new URI(registered);
      q = new URI(requested);
    } catch (URISyntaxException e) {
      return false;
    }
    if (!"http".equals(r.getScheme()) || !"http".equals(q.getScheme())
        || r.getHost() == null || !LOOPBACK_IPS.contains(r.getHost()) || !r.getHost().equals(q.getHost())
        || r.getRawUserInfo() != null || q.getRawUserInfo() != null || q.getRawFragment() != null) {
      return false;
    }
    return withoutPort(r).equals(withoutPort(q));
  }

  private static String withoutPort(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + nullToEmpty(uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
