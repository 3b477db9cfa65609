package dev.gatehouse.server.web;

import dev.gatehouse.server.tokens.KeyRing;
import org.eclipse.jetty.http.HttpHeader;

/**
 * {@code GET /.well-known/jwks.json}: the public keys of every signing key that is published
 * (RFC 7517 §5): keys about to sign, the active ones, and retired ones until the last token they
 * signed has expired. Cacheable for five minutes, well inside the publish-ahead period, so a
 * verifier's cache always holds a key before the first token signed with it.
 */
public final class JwksEndpoint {
  static final String CACHE_CONTROL = "public, max-age=300";
  private final KeyRing keyRing;

  public JwksEndpoint(KeyRing keyRing) {
    this.keyRing = keyRing;
  }

  public Route route() {
    return Route.get("/.well-known/jwks.json", (request, response, callback) -> {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, CACHE_CONTROL);
      HttpResponses.send(response, callback, 200, "application/jwk-set+json",
          keyRing.publishedJwksJson());
    });
  }
}
