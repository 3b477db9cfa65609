package dev.gatehouse.server.client;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Validation of a client's keys (RFC 7591 §2 jwks, jwks_uri) and browser origins (W3C Fetch / RFC 6454). */
final class ClientKeys {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

  private ClientKeys() {}

  static void check(String authMethod, Optional<String> jwks, Optional<String> jwksUri) {
    if (jwks.isPresent() && jwksUri.isPresent()) {
      // RFC 7591 §2: "The "jwks_uri" and "jwks" parameters MUST NOT both be present".
      throw new InvalidClientMetadataException("give jwks or jwks_uri, not both");
    }
    if (authMethod.equals("private_key_jwt") && jwks.isEmpty() && jwksUri.isEmpty()) {
      throw new InvalidClientMetadataException("private_key_jwt needs the client's public keys: jwks or jwks_uri");
    }
    if (jwks.isPresent()) {
      try {
        JWKSet set = JWKSet.parse(jwks.get());
        if (set.getKeys().isEmpty()) {
          throw new InvalidClientMetadataException("jwks has no keys");
        }
        for (JWK key : set.getKeys()) {
          if (key.isPrivate()) {
            throw new InvalidClientMetadataException("jwks must hold public keys only");
          }
        }
      } catch (ParseException e) {
        throw new InvalidClientMetadataException("jwks is not a JWK Set: " + e.getMessage());
      }
    }
    if (jwksUri.isPresent()) {
      URI uri = parse(jwksUri.get(), "jwks_uri");
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawFragment() != null) {
        throw new InvalidClientMetadataException("jwks_uri must be an https URL without a fragment");
      }
    }
  }

  /** Origins in their serialised form: scheme "://" host [":" port]; https, or http on loopback. */
  static List<String> origins(List<String> requested) {
    List<String> origins = new ArrayList<>();
    for (String origin : requested) {
      URI uri = parse(origin, "CORS origin");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean originShaped = uri.getHost() != null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
      boolean secure = scheme.equals("https")
          || (scheme.equals("http") && uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT)));
      if (!originShaped || !secure) {
        throw new InvalidClientMetadataException("CORS origin '" + origin
            + "' must be scheme://host[:port] with no path, https (http only for localhost)");
      }
      origins.add(origin.toLowerCase(Locale.ROOT));
    }
    return origins;
  }

  private static URI parse(String value, String what) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidClientMetadataException(what + " '" + value + "' is not a valid URI");
    }
  }
}
