package dev.gatehouse.server.conformance.rfc7009;

import static dev.gatehouse.server.conformance.OAuthAssertions.assertError;
import static dev.gatehouse.server.conformance.OAuthAssertions.assertTokens;
import static dev.gatehouse.server.conformance.Provider.basic;
import static dev.gatehouse.server.conformance.Provider.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.conformance.Provider;
import dev.gatehouse.server.store.User;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 7009 §2.1 request, §2.2 response, §2.2.1 errors. */
class RevocationTest {
  static final String CB = "https://app.example/cb";
  static Provider provider;
  static String rpSecret;
  static String otherSecret;
  static String svcSecret;
  static User grace;

  @BeforeAll
  static void start() {
    provider = Provider.start();
    rpSecret = provider.confidential("rp", "client_secret_basic", Set.of("authorization_code", "refresh_token"),
        Set.of("openid", "api"));
    otherSecret = provider.confidential("other", "client_secret_basic", Set.of("authorization_code"), Set.of("openid"));
    svcSecret = provider.confidential("svc", "client_secret_basic", Set.of("client_credentials"), Set.of("api"));
    provider.publicClient("app", Set.of("authorization_code", "refresh_token"), Set.of("openid"));
    grace = provider.user("grace");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  JsonNode userTokens() {
    String code = provider.code("rp", grace.id()).scopes("openid", "api").noPkce().issue();
    return assertTokens(provider.token(basic("rp", rpSecret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB));
  }

  boolean active(String authorization, String token) {
    return Provider.json(provider.post("/introspect", authorization, form("token", token))).path("active").asBoolean();
  }

  HttpResponse<String> revoke(String authorization, String... pairs) {
    return provider.post("/revoke", authorization, form(pairs));
  }

  @Test
  void whenRefreshTokenRevokedThenFamilyAndAccessTokensDie() {
    JsonNode tokens = userTokens();
    HttpResponse<String> response = revoke(basic("rp", rpSecret), "token", tokens.path("refresh_token").asText(),
        "token_type_hint", "refresh_token");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertError(provider.token(basic("rp", rpSecret), "grant_type", "refresh_token", "refresh_token",
        tokens.path("refresh_token").asText()), 400, "invalid_grant");
    assertThat(active(basic("rp", rpSecret), tokens.path("access_token").asText())).isFalse();
  }

  @Test
  void whenAccessTokenRevokedThenItsGrantIsRevoked() {
    JsonNode tokens = userTokens();
    // A wrong hint: §2.1 "MUST extend its search across all of its supported token types".
    assertThat(revoke(basic("rp", rpSecret), "token", tokens.path("access_token").asText(),
        "token_type_hint", "refresh_token").statusCode()).isEqualTo(200);
    assertThat(active(basic("rp", rpSecret), tokens.path("access_token").asText())).isFalse();
    assertThat(active(basic("rp", rpSecret), tokens.path("refresh_token").asText())).isFalse();
  }

  @Test
  void whenClientCredentialsAccessTokenRevokedThenInactive() throws Exception {
    String token = assertTokens(provider.token(basic("svc", svcSecret), "grant_type", "client_credentials"))
        .path("access_token").asText();
    assertThat(active(basic("svc", svcSecret), token)).isTrue();
    assertThat(revoke(basic("svc", svcSecret), "token", token).statusCode()).isEqualTo(200);
    assertThat(active(basic("svc", svcSecret), token)).isFalse();
    // No grant to name: the event carries the jti, so services verifying locally can drop it.
    String jti = Provider.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))
        .path("jti").asText();
    String payload = provider.database.jdbi().withHandle(h -> h.createQuery(
            "SELECT payload::text FROM outbox_events WHERE event_type = 'access_token.revoked'"
                + " AND aggregate_id = :jti")
        .bind("jti", jti)
        .mapTo(String.class).findOne().orElse(null));
    assertThat(payload).as("access_token.revoked in the outbox").isNotNull().contains("\"client_id\": \"svc\"");
  }

  @Test
  void whenUnknownTokenThen200() {
    assertThat(revoke(basic("rp", rpSecret), "token", "unknown").statusCode()).isEqualTo(200);
    assertThat(revoke(basic("rp", rpSecret), "token", "x.y.z").statusCode()).isEqualTo(200);
  }

  @Test
  void whenRevokedTwiceThen200() {
    String refresh = userTokens().path("refresh_token").asText();
    assertThat(revoke(basic("rp", rpSecret), "token", refresh).statusCode()).isEqualTo(200);
    assertThat(revoke(basic("rp", rpSecret), "token", refresh).statusCode()).isEqualTo(200);
  }

  @Test
  void whenAnotherClientsTokenThenRefusedAndNothingRevoked() {
    JsonNode tokens = userTokens();
    // §2.1: the token must have been issued to the requesting client; "If this validation fails,
    // the request is refused and the client is informed of the error".
    assertError(revoke(basic("other", otherSecret), "token", tokens.path("refresh_token").asText()), 400,
        "invalid_grant");
    assertError(revoke(basic("other", otherSecret), "token", tokens.path("access_token").asText()), 400,
        "invalid_grant");
    assertThat(active(basic("rp", rpSecret), tokens.path("access_token").asText())).isTrue();
  }

  @Test
  void whenPublicClientRevokesItsOwnTokenThen200() {
    Provider.CodeBuilder builder = provider.code("app", grace.id());
    String code = builder.issue();
    JsonNode tokens = assertTokens(provider.token(null, "grant_type", "authorization_code", "client_id", "app",
        "code", code, "redirect_uri", CB, "code_verifier", builder.verifier()));
    assertThat(revoke(null, "client_id", "app", "token", tokens.path("refresh_token").asText()).statusCode())
        .isEqualTo(200);
    assertError(provider.token(null, "grant_type", "refresh_token", "client_id", "app", "refresh_token",
        tokens.path("refresh_token").asText()), 400, "invalid_grant");
  }

  @Test
  void whenTokenMissingThenInvalidRequest() {
    assertError(revoke(basic("rp", rpSecret)), 400, "invalid_request");
  }

  @Test
  void whenClientAuthenticationFailsThenInvalidClient() {
    assertError(revoke(basic("rp", "wrong"), "token", "x"), 401, "invalid_client");
  }
}
