package dev.gatehouse.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.text.ParseException;

/** Checks every error and token response shares. */
public final class OAuthAssertions {
  private OAuthAssertions() {}

  /** The spec's status and code, a readable description, no-store, nothing internal leaked. */
  public static JsonNode assertError(HttpResponse<String> response, int status, String error) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
    JsonNode body = Provider.json(response);
    assertThat(body.path("error").asText()).as("error of %s", response.body()).isEqualTo(error);
    assertThat(body.path("error_description").asText()).isNotBlank();
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    return body;
  }

  /** RFC 6749 §5.1: 200, JSON, Bearer, no-store and no-cache. */
  public static JsonNode assertTokens(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(response.headers().firstValue("Pragma")).contains("no-cache");
    JsonNode body = Provider.json(response);
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("access_token").asText()).isNotBlank();
    assertThat(body.path("expires_in").asLong()).isPositive();
    return body;
  }

  public static SignedJWT jwt(String value) {
    try {
      return SignedJWT.parse(value);
    } catch (ParseException e) {
      throw new AssertionError("not a JWT: " + value, e);
    }
  }
}
