package dev.gatehouse.verifier.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fetches the issuer's JWKS over HTTP, finding {@code jwks_uri} through OpenID Connect discovery
 * when no JWKS URL was configured.
 */
public final class JwksFetcher {
  /** Upper bound on a discovery or JWKS document; a real one is a few KiB. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final HttpClient http;
  private final Duration timeout;
  private final URI discoveryUri;
  private final String expectedIssuer;
  private volatile URI jwksUri;

  /** What one fetch returned. */
  public record Fetched(KeySet keys, Optional<Duration> maxAge) {}

  /**
   * @param jwksUri the JWKS URL, or {@code null} to find it through {@code discoveryUri}
   * @param discoveryUri the issuer's discovery document, used when {@code jwksUri} is null
   */
  public JwksFetcher(HttpClient http, Duration timeout, URI jwksUri, URI discoveryUri, String expectedIssuer) {
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.jwksUri = jwksUri;
    this.discoveryUri = discoveryUri;
    this.expectedIssuer = expectedIssuer;
    if (jwksUri == null && discoveryUri == null) {
      throw new IllegalArgumentException("a JWKS URL or a discovery URL is required");
    }
  }

  /** Fetches and parses the JWKS. */
  public Fetched fetch() throws IOException, InterruptedException {
    URI uri = jwksUri;
    if (uri == null) {
      uri = discoverJwksUri();
      jwksUri = uri;
    }
    HttpResponse<InputStream> response = get(uri);
    String body = readBody(response, uri);
    try {
      JWKSet set = JWKSet.parse(body);
      return new Fetched(new KeySet(set), CacheControl.maxAge(response.headers().firstValue("Cache-Control")));
    } catch (ParseException e) {
      throw new IOException("JWKS at " + uri + " is not a valid JWK set: " + e.getMessage(), e);
    }
  }

  private URI discoverJwksUri() throws IOException, InterruptedException {
    HttpResponse<InputStream> response = get(discoveryUri);
    String body = readBody(response, discoveryUri);
    Map<String, Object> metadata;
    try {
      metadata = JSONObjectUtils.parse(body);
    } catch (ParseException e) {
      throw new IOException("discovery document at " + discoveryUri + " is not JSON", e);
    }
    // OpenID Connect Discovery 1.0 §4.3 / RFC 8414 §3.3: issuer must be identical to the one
    // the document was fetched for, or a look-alike server could hand out its own keys.
    Object issuer = metadata.get("issuer");
    if (expectedIssuer != null && !expectedIssuer.equals(issuer)) {
      throw new IOException("discovery document names issuer " + issuer + ", expected " + expectedIssuer);
    }
    if (!(metadata.get("jwks_uri") instanceof String jwks)) {
      throw new IOException("discovery document at " + discoveryUri + " has no jwks_uri");
    }
    try {
      return URI.create(jwks);
    } catch (IllegalArgumentException e) {
      throw new IOException("discovery document has an invalid jwks_uri", e);
    }
  }

  private HttpResponse<InputStream> get(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Accept", "application/json, application/jwk-set+json")
        .GET()
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private static String readBody(HttpResponse<InputStream> response, URI uri) throws IOException {
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
      }
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new IOException("GET " + uri + " returned more than " + MAX_BODY_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
