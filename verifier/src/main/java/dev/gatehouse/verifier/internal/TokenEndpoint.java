package dev.gatehouse.verifier.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.verifier.TokenRequestException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * One client-credentials request (RFC 6749 §4.4) with retries: network errors and 5xx are retried
 * with exponential backoff and full jitter; 4xx never (the request is wrong and will stay wrong).
 */
public final class TokenEndpoint {
  private final HttpClient http;
  private final URI uri;
  private final ClientAuthentication auth;
  private final Map<String, String> parameters;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration initialBackoff;

  /** A token as the endpoint returned it (RFC 6749 §5.1). */
  public record Issued(String accessToken, Optional<Duration> expiresIn) {}

  public TokenEndpoint(HttpClient http, URI uri, ClientAuthentication auth, Map<String, String> parameters,
      Duration timeout, int maxAttempts, Duration initialBackoff) {
    this.http = http;
    this.uri = uri;
    this.auth = auth;
    this.parameters = Map.copyOf(parameters);
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
  }

  /** Requests a token, retrying what may succeed on retry. */
  public Issued request() throws TokenRequestException, InterruptedException {
    TokenRequestException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        long cap = initialBackoff.toMillis() << Math.min(attempt - 2, 10);
        Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
      }
      try {
        return once();
      } catch (TokenRequestException e) {
        if (!e.isRetryable()) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  private Issued once() throws TokenRequestException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.putAll(parameters);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json");
    auth.apply(request, form, uri);
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response;
    try {
      response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TokenRequestException("token endpoint " + uri + " unreachable: " + e.getMessage(), 0, null, e);
    }
    Map<String, Object> json = parse(response);
    if (response.statusCode() != 200) {
      String error = json.get("error") instanceof String s ? s : null;
      Object description = json.get("error_description");
      throw new TokenRequestException("token endpoint answered HTTP " + response.statusCode()
          + (error == null ? "" : " " + error) + (description == null ? "" : ": " + description),
          response.statusCode(), error, null);
    }
    if (!(json.get("access_token") instanceof String token) || token.isEmpty()) {
      throw new TokenRequestException("token response has no access_token", 200, null, null);
    }
    // RFC 6749 §7.1 / RFC 6750 §4: this client only knows how to send Bearer tokens.
    if (!(json.get("token_type") instanceof String type) || !type.equalsIgnoreCase("Bearer")) {
      throw new TokenRequestException("token_type is " + json.get("token_type") + ", expected Bearer", 200, null, null);
    }
    Optional<Duration> expiresIn = json.get("expires_in") instanceof Number n
        ? Optional.of(Duration.ofSeconds(n.longValue())) : Optional.empty();
    return new Issued(token, expiresIn);
  }

  private static Map<String, Object> parse(HttpResponse<String> response) throws TokenRequestException {
    try {
      return JSONObjectUtils.parse(response.body());
    } catch (ParseException e) {
      if (response.statusCode() != 200) {
        return Map.of();
      }
      throw new TokenRequestException("token response is not JSON", 200, null, e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
