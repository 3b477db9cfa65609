package dev.gatehouse.verifier;

import com.nimbusds.jose.JWSAlgorithm;
import dev.gatehouse.verifier.internal.Algorithms;
import dev.gatehouse.verifier.internal.JwksCache;
import dev.gatehouse.verifier.internal.JwksFetcher;
import dev.gatehouse.verifier.internal.VerifiedTokenCache;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Configures a {@link JwtVerifier}. Every setting but issuer and audience has a default. */
public final class JwtVerifierBuilder {
  String issuer;
  String audience;
  private URI jwksUri;
  private URI discoveryUri;
  Duration clockSkew = Duration.ofSeconds(60);
  private List<String> algorithms = List.of("ES256", "RS256", "EdDSA");
  Set<String> requiredScopes = Set.of();
  Clock clock = Clock.systemUTC();
  private HttpClient httpClient;
  private Duration httpTimeout = Duration.ofSeconds(5);
  int maxTokenLength = 8 * 1024;
  private int cacheSize = 10_000;
  Revocations revocations = Revocations.create();
  private Duration jwksMinTtl = Duration.ofMinutes(1);
  private Duration jwksMaxTtl = Duration.ofHours(24);
  private Duration jwksDefaultTtl = Duration.ofMinutes(5);
  private Duration jwksRefreshInterval = Duration.ofSeconds(10);

  JwtVerifierBuilder() {}

  /** The issuer identifier; {@code iss} must equal it exactly (RFC 9068 §4). Required. */
  public JwtVerifierBuilder issuer(String issuer) {
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    return this;
  }

  /** This service's audience (its resource indicator); {@code aud} must contain it. Required. */
  public JwtVerifierBuilder audience(String audience) {
    this.audience = Objects.requireNonNull(audience, "audience");
    return this;
  }

  /** Fetch keys from this JWKS URL. Default: found through OIDC discovery at the issuer. */
  public JwtVerifierBuilder jwksUri(URI jwksUri) {
    this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
    return this;
  }

  /**
   * Find {@code jwks_uri} in this discovery document. Default:
   * {@code <issuer>/.well-known/openid-configuration}. Its {@code issuer} must equal ours.
   */
  public JwtVerifierBuilder discoveryUri(URI discoveryUri) {
    this.discoveryUri = Objects.requireNonNull(discoveryUri, "discoveryUri");
    return this;
  }

  /** Tolerance for {@code exp}, {@code nbf} and {@code iat} against the clock. Default 60 s. */
  public JwtVerifierBuilder clockSkew(Duration skew) {
    if (skew.isNegative()) {
      throw new IllegalArgumentException("clock skew must not be negative");
    }
    this.clockSkew = skew;
    return this;
  }

  /**
   * The accepted {@code alg} values. Default ES256, RS256, EdDSA (EdDSA needs
   * {@code com.google.crypto.tink:tink} on the classpath). {@code none} and HMAC are refused.
   */
  public JwtVerifierBuilder allowedAlgorithms(String... algorithms) {
    this.algorithms = List.of(algorithms);
    Algorithms.allowList(this.algorithms); // fail here, not at build()
    return this;
  }

  /** Scopes every token must carry, else {@code INSUFFICIENT_SCOPE}. Default none. */
  public JwtVerifierBuilder requiredScopes(String... scopes) {
    this.requiredScopes = new LinkedHashSet<>(List.of(scopes));
    return this;
  }

  /** The clock for expiry and cache lifetimes. Default the system UTC clock. */
  public JwtVerifierBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The HTTP client for discovery and JWKS fetches. Default a new one that follows no redirects. */
  public JwtVerifierBuilder httpClient(HttpClient httpClient) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    return this;
  }

  /** Timeout of one discovery or JWKS request. Default 5 s. */
  public JwtVerifierBuilder httpTimeout(Duration timeout) {
    this.httpTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** Longer tokens are refused with {@code TOO_LARGE} before parsing. Default 8 KiB. */
  public JwtVerifierBuilder maxTokenLength(int chars) {
    this.maxTokenLength = chars;
    return this;
  }

  /** Verified tokens kept for repeat sight; 0 disables the cache. Default 10,000. */
  public JwtVerifierBuilder cacheSize(int entries) {
    if (entries < 0) {
      throw new IllegalArgumentException("cache size must not be negative");
    }
    this.cacheSize = entries;
    return this;
  }

  /** Revocations consulted on every verification. Default an empty, private registry. */
  public JwtVerifierBuilder revocations(Revocations revocations) {
    this.revocations = Objects.requireNonNull(revocations, "revocations");
    return this;
  }

  /**
   * Bounds on how long a fetched JWKS is used before a refresh, whatever its
   * {@code Cache-Control: max-age} says. Default 1 min to 24 h (5 min without a header).
   */
  public JwtVerifierBuilder jwksCacheBounds(Duration min, Duration max) {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("need 0 <= min <= max");
    }
    this.jwksMinTtl = min;
    this.jwksMaxTtl = max;
    return this;
  }

  /**
   * Least time between two JWKS fetches caused by unknown {@code kid}s or failures. Default 10 s:
   * an issuer that rotates keys publishes the new one before use, so an unknown {@code kid} is
   * rare, and this caps what forged key ids can cost the issuer.
   */
  public JwtVerifierBuilder jwksRefreshInterval(Duration interval) {
    this.jwksRefreshInterval = Objects.requireNonNull(interval, "interval");
    return this;
  }

  Set<JWSAlgorithm> allowedAlgorithms() {
    return Algorithms.allowList(algorithms);
  }

  /** Builds the verifier. Fetches nothing yet; see {@link JwtVerifier#warmUp()}. */
  public JwtVerifier build() {
    if (issuer == null || audience == null) {
      throw new IllegalStateException("issuer and audience are required");
    }
    if (maxTokenLength < 1) {
      throw new IllegalStateException("maxTokenLength must be positive");
    }
    URI discovery = discoveryUri;
    if (jwksUri == null && discovery == null) {
      String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
      discovery = URI.create(base + "/.well-known/openid-configuration");
    }
    HttpClient http = httpClient != null ? httpClient
        : HttpClient.newBuilder().connectTimeout(httpTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    JwksFetcher fetcher = new JwksFetcher(http, httpTimeout, jwksUri, discovery, issuer);
    VerifiedTokenCache<VerifiedToken> cache = cacheSize == 0 ? null : new VerifiedTokenCache<>(cacheSize);
    JwksCache jwks = new JwksCache(fetcher, clock, jwksMinTtl, jwksMaxTtl,
        jwksDefaultTtl, jwksRefreshInterval, cache == null ? null : keys -> cache.retainKeys(keys.keyIds()));
    return new JwtVerifier(this, jwks, cache);
  }
}
