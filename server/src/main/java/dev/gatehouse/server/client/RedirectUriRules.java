package dev.gatehouse.server.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * What a registered redirect URI may be. Matching at the authorization endpoint is exact
 * string comparison (RFC 9700 §4.1.3), so what is registered must be precise.
 */
final class RedirectUriRules {
  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

  private RedirectUriRules() {}

  /** Throws {@link InvalidClientMetadataException} naming the rule {@code uri} breaks. */
  static void check(String uri, String what) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new InvalidClientMetadataException(what + " '" + uri + "' is not a valid URI");
    }
    // RFC 6749 §3.1.2: absolute, and MUST NOT include a fragment component.
    if (!parsed.isAbsolute()) {
      throw new InvalidClientMetadataException(what + " '" + uri + "' must be an absolute URI");
    }
    if (parsed.getRawFragment() != null) {
      throw new InvalidClientMetadataException(what + " '" + uri + "' must not contain a fragment");
    }
    if (uri.contains("*")) {
      throw new InvalidClientMetadataException(what + " '" + uri + "' must not contain wildcards");
    }
    String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "https" -> requireHost(parsed, uri, what);
      case "http" -> {
        requireHost(parsed, uri, what);
        // RFC 8252 §7.3 and RFC 9700 §2.6: plain http only for loopback redirects.
        if (!LOOPBACK_HOSTS.contains(parsed.getHost().toLowerCase(Locale.ROOT))) {
          throw new InvalidClientMetadataException(what + " '" + uri
              + "' uses http on a non-loopback host; use https (http is for 127.0.0.1/[::1] only)");
        }
      }
      case "javascript", "data", "file", "vbscript" ->
          throw new InvalidClientMetadataException(what + " '" + uri + "' uses a forbidden scheme");
      default -> {
        // RFC 8252 §7.1: private-use schemes are reverse domain names, e.g. com.example.app:/cb.
        if (!scheme.contains(".")) {
          throw new InvalidClientMetadataException(what + " '" + uri
              + "' uses a private-use scheme that is not a reverse domain name (RFC 8252 §7.1)");
        }
      }
    }
  }

  private static void requireHost(URI parsed, String uri, String what) {
    if (parsed.getHost() == null) {
      throw new InvalidClientMetadataException(what + " '" + uri + "' has no host");
    }
  }
}
