package dev.gatehouse.server.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * CSP {@code form-action} sources. A form's POST that answers with a redirect to the client is
 * still checked against the submitting page's {@code form-action} (CSP3 §6.4.1), so the login and
 * consent pages allow the origin of the request's (registered, validated) redirect URI besides
 * {@code 'self'}.
 */
final class FormActions {
  private FormActions() {}

  static String originOf(String redirectUri) {
    try {
      URI uri = new URI(redirectUri);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null) {
        return scheme + ":"; // private-use scheme (RFC 8252 §7.1)
      }
      return scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    } catch (URISyntaxException | RuntimeException e) {
      return "'none'";
    }
  }

  static String selfAnd(String redirectUri) {
    return redirectUri == null ? "'self'" : "'self' " + originOf(redirectUri);
  }
}
