package dev.gatehouse.server.conformance.rfc7662;

import static dev.gatehouse.server.conformance.OAuthAssertions.assertError;
import static dev.gatehouse.server.conformance.OAuthAssertions.assertTokens;
import static dev.gatehouse.server.conformance.Provider.basic;
import static dev.gatehouse.server.conformance.Provider.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.conformance.Provider;
import dev.gatehouse.server.store.User;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 7662 §2.1 request, §2.2 response, §4 who may learn what. */
class IntrospectionTest {
  static final String CB = "https://app.example/cb";
  static Provider provider;
  static String rpSecret;
  static String svcSecret;
  static String otherSecret;
  static User frank;

  @BeforeAll
  static void start() {
    provider = Provider.start(Map.of("GATEHOUSE_ACCESS_TOKEN_LIFETIME", "2s"));
    rpSecret = provider.confidential("rp", "client_secret_basic", Set.of("authorization_code", "refresh_token"),
        Set.of("openid", "api"));
    svcSecret = provider.confidential("svc", "client_secret_post", Set.of("client_credentials"), Set.of("api"));
    otherSecret = provider.confidential("other", "client_secret_basic", Set.of("client_credentials"), Set.of("api"));
    provider.publicClient("spa", Set.of("authorization_code"), Set.of("openid"));
    frank = provider.user("frank");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  JsonNode userTokens() {
    String code = provider.code("rp", frank.id()).scopes("openid", "api").noPkce().issue();
    return assertTokens(provider.token(basic("rp", rpSecret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB));
  }

  JsonNode introspect(String authorization, String... pairs) {
    HttpResponse<String> response = provider.post("/introspect", authorization, form(pairs));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    return Provider.json(response);
  }

  @Test
  void whenOwnAccessTokenThenActiveWithEveryMember() {
    JsonNode tokens = userTokens();
    JsonNode body = introspect(basic("rp", rpSecret), "token", tokens.path("access_token").asText());
    assertThat(body.path("active").asBoolean()).isTrue();
    assertThat(body.path("scope").asText()).isEqualTo("api openid");
    assertThat(body.path("client_id").asText()).isEqualTo("rp");
    assertThat(body.path("username").asText()).isEqualTo("frank");
    assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.path("sub").asText()).isEqualTo(frank.id().toString());
    assertThat(body.path("aud").asText()).isEqualTo(provider.issuer());
    assertThat(body.path("iss").asText()).isEqualTo(provider.issuer());
    assertThat(body.path("exp").asLong()).isGreaterThan(body.path("iat").asLong());
    assertThat(body.path("jti").asText()).isNotBlank();
  }

  @Test
  void whenRefreshTokenThenActiveAndHintNotTrusted() {
    JsonNode tokens = userTokens();
    JsonNode body = introspect(basic("rp", rpSecret), "token", tokens.path("refresh_token").asText(),
        "token_type_hint", "access_token");
    assertThat(body.path("active").asBoolean()).isTrue();
    assertThat(body.path("client_id").asText()).isEqualTo("rp");
  }

  @Test
  void whenClientCredentialsTokenThenActiveWithClientAsSubject() {
    String token = assertTokens(provider.token(null, "grant_type", "client_credentials", "client_id", "svc",
        "client_secret", svcSecret)).path("access_token").asText();
    JsonNode body = introspect(null, "client_id", "svc", "client_secret", svcSecret, "token", token);
    assertThat(body.path("active").asBoolean()).isTrue();
    assertThat(body.path("sub").asText()).isEqualTo("svc");
    assertThat(body.has("username")).isFalse();
  }

  @Test
  void whenAnotherClientsTokenThenInactive() {
    JsonNode tokens = userTokens();
    assertThat(introspect(basic("other", otherSecret), "token", tokens.path("access_token").asText())
        .path("active").asBoolean()).isFalse();
    assertThat(introspect(basic("other", otherSecret), "token", tokens.path("refresh_token").asText())
        .path("active").asBoolean()).isFalse();
  }

  @Test
  void whenTokenNamesCallerInAudienceThenActive() {
    String token = assertTokens(provider.token(null, "grant_type", "client_credentials", "client_id", "svc",
        "client_secret", svcSecret, "resource", "urn:gatehouse:other")).path("access_token").asText();
    // aud is "urn:gatehouse:other", not "other": not the caller's client_id.
    assertThat(introspect(basic("other", otherSecret), "token", token).path("active").asBoolean()).isFalse();
  }

  @Test
  void whenRevokedThenInactive() {
    JsonNode tokens = userTokens();
    provider.post("/revoke", basic("rp", rpSecret), form("token", tokens.path("refresh_token").asText()));
    assertThat(introspect(basic("rp", rpSecret), "token", tokens.path("access_token").asText())
        .path("active").asBoolean()).isFalse();
    assertThat(introspect(basic("rp", rpSecret), "token", tokens.path("refresh_token").asText())
        .path("active").asBoolean()).isFalse();
  }

  @Test
  void whenExpiredThenInactive() throws Exception {
    String token = userTokens().path("access_token").asText();
    Thread.sleep(2_100);
    JsonNode body = introspect(basic("rp", rpSecret), "token", token);
    assertThat(body.path("active").asBoolean()).isFalse();
    assertThat(body.size()).isEqualTo(1);
  }

  @Test
  void whenUnknownOrMalformedThenInactive() {
    assertThat(introspect(basic("rp", rpSecret), "token", "nope").path("active").asBoolean()).isFalse();
    assertThat(introspect(basic("rp", rpSecret), "token", "a.b.c").path("active").asBoolean()).isFalse();
  }

  @Test
  void whenTokenMissingThenInvalidRequest() {
    assertError(provider.post("/introspect", basic("rp", rpSecret), form("token_type_hint", "access_token")), 400,
        "invalid_request");
  }

  @Test
  void whenNotAuthenticatedThenInvalidClient() {
    HttpResponse<String> response = provider.post("/introspect", basic("rp", "wrong"), form("token", "x"));
    assertError(response, 401, "invalid_client");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    assertError(provider.post("/introspect", null, form("token", "x")), 401, "invalid_client");
  }

  @Test
  void whenPublicClientThenInvalidClient() {
    assertError(provider.post("/introspect", null, form("client_id", "spa", "token", "x")), 401, "invalid_client");
  }
}
