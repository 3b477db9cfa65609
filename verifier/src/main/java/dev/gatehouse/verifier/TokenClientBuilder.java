package dev.gatehouse.verifier;

import com.nimbusds.jose.jwk.JWK;
import dev.gatehouse.verifier.internal.ClientAuthentication;
import dev.gatehouse.verifier.internal.TokenEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Configures a {@link TokenClient}. */
public final class TokenClientBuilder {
  private URI tokenEndpoint;
  private String clientId;
  private String clientSecret;
  private JWK privateKey;
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private HttpClient httpClient;
  private Clock clock = Clock.systemUTC();
  private Duration timeout = Duration.ofSeconds(5);
  private Duration refreshBefore = Duration.ofSeconds(30);
  private Duration defaultLifetime = Duration.ofMinutes(1);
  private int maxAttempts = 3;
  private Duration initialBackoff = Duration.ofMillis(200);

  TokenClientBuilder() {}

  /** The issuer's token endpoint. Required. */
  public TokenClientBuilder tokenEndpoint(URI uri) {
    this.tokenEndpoint = Objects.requireNonNull(uri, "uri");
    return this;
  }

  /** Authenticate with {@code client_secret_basic} (RFC 6749 §2.3.1). */
  public TokenClientBuilder clientSecret(String clientId, String clientSecret) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    this.privateKey = null;
    return this;
  }

  /** Authenticate with {@code private_key_jwt} (RFC 7523 §2.2), signing with an EC or RSA private JWK. */
  public TokenClientBuilder privateKeyJwt(String clientId, JWK privateKey) {
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.clientSecret = null;
    return this;
  }

  /** The {@code scope} to request, space-joined. Default none (the client's default scopes). */
  public TokenClientBuilder scopes(String... scopes) {
    parameters.put("scope", String.join(" ", scopes));
    return this;
  }

  /** The {@code resource} to request a token for (RFC 8707), i.e. the target's audience. */
  public TokenClientBuilder resource(String resource) {
    parameters.put("resource", resource);
    return this;
  }

  /** The HTTP client. Default a new one. */
  public TokenClientBuilder httpClient(HttpClient httpClient) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    return this;
  }

  /** The clock for token lifetimes. Default the system UTC clock. */
  public TokenClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Timeout of one request to the token endpoint. Default 5 s. */
  public TokenClientBuilder timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /** Renew this long before expiry (at most half the lifetime). Default 30 s. */
  public TokenClientBuilder refreshBefore(Duration refreshBefore) {
    this.refreshBefore = Objects.requireNonNull(refreshBefore, "refreshBefore");
    return this;
  }

  /** Attempts per renewal, and the first backoff (doubled each retry, jittered). Default 3, 200 ms. */
  public TokenClientBuilder retries(int maxAttempts, Duration initialBackoff) {
    if (maxAttempts < 1 || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("need maxAttempts >= 1 and a non-negative backoff");
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    return this;
  }

  /** Builds the client. Requests nothing yet. */
  public TokenClient build() {
    if (tokenEndpoint == null || clientId == null) {
      throw new IllegalStateException("token endpoint and client credentials are required");
    }
    ClientAuthentication auth = privateKey != null
        ? new ClientAuthentication.PrivateKeyJwt(clientId, privateKey, clock)
        : new ClientAuthentication.SecretBasic(clientId, clientSecret);
    HttpClient http = httpClient != null ? httpClient
        : HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    TokenEndpoint endpoint = new TokenEndpoint(http, tokenEndpoint, auth, parameters, timeout, maxAttempts,
        initialBackoff.isZero() ? Duration.ofMillis(1) : initialBackoff);
    return new TokenClient(endpoint, clock, refreshBefore, defaultLifetime);
  }
}
