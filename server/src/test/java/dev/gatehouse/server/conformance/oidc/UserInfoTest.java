package dev.gatehouse.server.conformance.oidc;

import static dev.gatehouse.server.conformance.OAuthAssertions.assertError;
import static dev.gatehouse.server.conformance.OAuthAssertions.assertTokens;
import static dev.gatehouse.server.conformance.OAuthAssertions.jwt;
import static dev.gatehouse.server.conformance.Provider.basic;
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

/** OIDC Core §5.3 UserInfo, §5.4 scope claims, §5.5 claims request; RFC 6750 §2 and §3. */
class UserInfoTest {
  static final String CB = "https://app.example/cb";
  static Provider provider;
  static String secret;
  static String svcSecret;
  static User erin;

  @BeforeAll
  static void start() {
    provider = Provider.start();
    secret = provider.confidential("rp", "client_secret_basic", Set.of("authorization_code", "refresh_token"),
        Set.of("openid", "profile", "email", "api"));
    svcSecret = provider.confidential("svc", "client_secret_basic", Set.of("client_credentials"), Set.of("api"));
    erin = provider.user("erin");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  JsonNode tokens(Provider.CodeBuilder builder) {
    String code = builder.noPkce().issue();
    return assertTokens(provider.token(basic("rp", secret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB));
  }

  String accessToken(String... scopes) {
    return tokens(provider.code("rp", erin.id()).scopes(scopes)).path("access_token").asText();
  }

  HttpResponse<String> userinfo(String token) {
    return provider.get("/userinfo", Map.of("Authorization", "Bearer " + token));
  }

  @Test
  void whenProfileAndEmailScopesThenTheirClaimsAndSubMatchingTheIdToken() throws Exception {
    JsonNode tokens = tokens(provider.code("rp", erin.id()).scopes("openid", "profile", "email"));
    HttpResponse<String> response = userinfo(tokens.path("access_token").asText());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Provider.json(response);
    // OIDC Core §5.3.2: sub MUST match the ID token's sub.
    assertThat(body.path("sub").asText()).isEqualTo(jwt(tokens.path("id_token").asText()).getJWTClaimsSet().getSubject());
    assertThat(body.path("preferred_username").asText()).isEqualTo("erin");
    assertThat(body.path("name").asText()).isEqualTo("Name erin");
    assertThat(body.path("email").asText()).isEqualTo("erin@example.com");
    assertThat(body.path("email_verified").asBoolean()).isTrue();
  }

  @Test
  void whenOnlyOpenidThenOnlySub() {
    JsonNode body = Provider.json(userinfo(accessToken("openid")));
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.path("sub").asText()).isEqualTo(erin.id().toString());
  }

  @Test
  void whenClaimsRequestAsksUserinfoClaimThenItIsReturned() {
    String token = tokens(provider.code("rp", erin.id()).scopes("openid")
        .claims("{\"userinfo\":{\"email\":{\"essential\":true}}}")).path("access_token").asText();
    assertThat(Provider.json(userinfo(token)).path("email").asText()).isEqualTo("erin@example.com");
  }

  @Test
  void whenTokenInPostBodyThenClaims() {
    HttpResponse<String> response = provider.post("/userinfo", null, Provider.form("access_token", accessToken("openid")));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void whenPostWithBearerHeaderThenClaims() {
    HttpResponse<String> response = provider.node.send(java.net.http.HttpRequest.newBuilder(provider.uri("/userinfo"))
        .header("Authorization", "Bearer " + accessToken("openid"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void whenTokenInHeaderAndBodyThenInvalidRequest() {
    String token = accessToken("openid");
    HttpResponse<String> response = provider.post("/userinfo", "Bearer " + token, Provider.form("access_token", token));
    assertError(response, 400, "invalid_request");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_request\"");
  }

  @Test
  void whenTokenInQueryThenInvalidRequest() {
    assertError(provider.get("/userinfo?access_token=" + accessToken("openid"), Map.of()), 400, "invalid_request");
  }

  @Test
  void whenNoTokenThen401WithBareChallenge() {
    HttpResponse<String> response = provider.get("/userinfo", Map.of());
    assertThat(response.statusCode()).isEqualTo(401);
    // RFC 6750 §3.1: no error code when the request carried no authentication at all.
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"gatehouse\"");
  }

  @Test
  void whenTokenInvalidThen401InvalidToken() {
    HttpResponse<String> response = userinfo("garbage.token.value");
    assertError(response, 401, "invalid_token");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer realm=\"gatehouse\", error=\"invalid_token\", error_description=");
  }

  @Test
  void whenIdTokenUsedAsAccessTokenThenInvalidToken() {
    String idToken = tokens(provider.code("rp", erin.id()).scopes("openid")).path("id_token").asText();
    assertError(userinfo(idToken), 401, "invalid_token");
  }

  @Test
  void whenOpenidMissingThen403InsufficientScope() {
    HttpResponse<String> response = userinfo(accessToken("api"));
    assertError(response, 403, "insufficient_scope");
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");
  }

  @Test
  void whenClientCredentialsTokenThenInsufficientScope() {
    String token = assertTokens(provider.token(basic("svc", svcSecret), "grant_type", "client_credentials"))
        .path("access_token").asText();
    assertError(userinfo(token), 403, "insufficient_scope");
  }

  @Test
  void whenGrantRevokedThenInvalidToken() {
    JsonNode tokens = tokens(provider.code("rp", erin.id()).scopes("openid"));
    assertThat(provider.post("/revoke", basic("rp", secret), Provider.form("token", tokens.path("refresh_token").asText()))
        .statusCode()).isEqualTo(200);
    assertError(userinfo(tokens.path("access_token").asText()), 401, "invalid_token");
  }
}
