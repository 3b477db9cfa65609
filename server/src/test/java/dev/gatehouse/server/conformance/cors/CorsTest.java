package dev.gatehouse.server.conformance.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.conformance.Provider;
import dev.gatehouse.server.store.ClientType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** W3C Fetch CORS for registered browser origins on discovery, JWKS, token, userinfo, revocation. */
class CorsTest {
  static final String SPA = "https://spa.example.com";
  static Provider provider;

  @BeforeAll
  static void start() {
    provider = Provider.start();
    provider.save(Provider.client("spa", ClientType.PUBLIC, null, "none", Set.of("authorization_code", "refresh_token"),
        Set.of("openid"), "RS256", null, List.of(SPA)));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  HttpResponse<String> preflight(String path, String origin, String method) {
    return provider.node.send(HttpRequest.newBuilder(provider.uri(path))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin).header("Access-Control-Request-Method", method)
        .header("Access-Control-Request-Headers", "authorization, content-type").build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/token", "/userinfo", "/revoke"})
  void whenRegisteredOriginPreflightsThenAllowed(String path) {
    HttpResponse<String> response = preflight(path, SPA, "POST");
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(SPA);
    assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
    assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization");
    assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
      "/.well-known/jwks.json", "/userinfo"})
  void whenRegisteredOriginGetsThenAllowOriginEchoed(String path) {
    HttpResponse<String> response = provider.get(path, Map.of("Origin", SPA));
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(SPA);
    assertThat(response.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
  }

  @Test
  void whenTokenErrorThenBrowserCanStillReadIt() {
    HttpResponse<String> response = provider.node.send(HttpRequest.newBuilder(provider.uri("/token"))
        .header("Origin", SPA).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=spa")).build());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains(SPA);
  }

  @Test
  void whenUnregisteredOriginThenNoCorsHeaders() {
    HttpResponse<String> preflight = preflight("/token", "https://evil.example", "POST");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> get = provider.get("/.well-known/jwks.json", Map.of("Origin", "https://evil.example"));
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void whenPreflightForUnsupportedMethodThenNoCorsHeaders() {
    assertThat(preflight("/token", SPA, "DELETE").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void whenIntrospectionThenNoCors() {
    // Introspection is for confidential back ends, never browsers.
    assertThat(preflight("/introspect", SPA, "POST").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void neverWildcard() {
    HttpResponse<String> response = provider.get("/.well-known/openid-configuration", Map.of("Origin", "null"));
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
