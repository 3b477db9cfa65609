package dev.gatehouse.server.conformance.rfc6749;

import static dev.gatehouse.server.conformance.OAuthAssertions.assertError;
import static dev.gatehouse.server.conformance.OAuthAssertions.assertTokens;
import static dev.gatehouse.server.conformance.OAuthAssertions.jwt;
import static dev.gatehouse.server.conformance.Provider.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.server.conformance.Provider;
import dev.gatehouse.server.store.User;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 6749 §6 refreshing, rotated on every use with reuse detection (RFC 9700 §4.14.2). */
class Section6_RefreshTokenTest {
  static final String CB = "https://app.example/cb";
  static Provider provider;
  static String secret;
  static String otherSecret;
  static User bob;

  @BeforeAll
  static void start() {
    provider = Provider.start(Map.of("GATEHOUSE_REFRESH_TOKEN_REUSE_LEEWAY", "2s"));
    secret = provider.confidential("web", "client_secret_basic", Set.of("authorization_code", "refresh_token"),
        Set.of("openid", "profile", "api"));
    otherSecret = provider.confidential("other", "client_secret_basic", Set.of("authorization_code", "refresh_token"),
        Set.of("openid"));
    provider.publicClient("app", Set.of("authorization_code", "refresh_token"), Set.of("openid", "offline_access"));
    bob = provider.user("bob");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  JsonNode tokens() {
    String code = provider.code("web", bob.id()).scopes("openid", "profile", "api").noPkce().issue();
    return assertTokens(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB));
  }

  HttpResponse<String> refresh(String refreshToken, String... more) {
    String[] pairs = new String[4 + more.length];
    pairs[0] = "grant_type";
    pairs[1] = "refresh_token";
    pairs[2] = "refresh_token";
    pairs[3] = refreshToken;
    System.arraycopy(more, 0, pairs, 4, more.length);
    return provider.token(basic("web", secret), pairs);
  }

  @Test
  void whenRefreshedThenNewRefreshTokenAndIdTokenRepeatsAuthentication() throws Exception {
    JsonNode first = tokens();
    JsonNode second = assertTokens(refresh(first.path("refresh_token").asText()));
    assertThat(second.path("refresh_token").asText()).isNotEqualTo(first.path("refresh_token").asText());
    JWTClaimsSet original = jwt(first.path("id_token").asText()).getJWTClaimsSet();
    JWTClaimsSet refreshed = jwt(second.path("id_token").asText()).getJWTClaimsSet();
    // OIDC Core §12.2: same iss, sub, aud, auth_time, azp; no nonce.
    for (String claim : List.of("iss", "sub", "aud", "auth_time", "acr", "amr", "sid", "azp")) {
      assertThat(refreshed.getClaim(claim)).as(claim).isEqualTo(original.getClaim(claim));
    }
    assertThat(original.getStringClaim("nonce")).isNotNull();
    assertThat(refreshed.getClaim("nonce")).isNull();
    // The successor works in turn.
    assertTokens(refresh(second.path("refresh_token").asText()));
  }

  @Test
  void whenScopeNarrowedThenAccessTokenHasIt() throws Exception {
    JsonNode first = tokens();
    JsonNode narrowed = assertTokens(refresh(first.path("refresh_token").asText(), "scope", "api"));
    assertThat(narrowed.path("scope").asText()).isEqualTo("api");
    assertThat(narrowed.has("id_token")).isFalse();
    assertThat(jwt(narrowed.path("access_token").asText()).getJWTClaimsSet().getStringClaim("scope")).isEqualTo("api");
    // The grant keeps its original scope: the next refresh without scope gets all of it back.
    assertThat(assertTokens(refresh(narrowed.path("refresh_token").asText())).path("scope").asText())
        .isEqualTo("api openid profile");
  }

  @Test
  void whenScopeWidenedThenInvalidScopeAndTokenStillUsable() {
    JsonNode first = tokens();
    assertError(refresh(first.path("refresh_token").asText(), "scope", "api admin"), 400, "invalid_scope");
    assertTokens(refresh(first.path("refresh_token").asText()));
  }

  @Test
  void whenRotatedTokenReusedAfterLeewayThenFamilyRevoked() throws Exception {
    JsonNode first = tokens();
    JsonNode second = assertTokens(refresh(first.path("refresh_token").asText()));
    Thread.sleep(2_100);
    assertError(refresh(first.path("refresh_token").asText()), 400, "invalid_grant");
    // RFC 9700 §4.14.2: the whole family dies, the legitimate successor included.
    assertError(refresh(second.path("refresh_token").asText()), 400, "invalid_grant");
    String grantId = jwt(second.path("access_token").asText()).getJWTClaimsSet().getStringClaim("gid");
    Integer events = provider.database.jdbi().withHandle(h -> h.createQuery(
            "SELECT count(*) FROM outbox_events WHERE event_type = 'refresh_token.reuse_detected' AND aggregate_id = :id")
        .bind("id", grantId).mapTo(Integer.class).one());
    assertThat(events).isEqualTo(1);
  }

  @Test
  void whenConcurrentRefreshWithinLeewayThenBothSucceed() {
    JsonNode first = tokens();
    String token = first.path("refresh_token").asText();
    CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> refresh(token));
    CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> refresh(token));
    JsonNode ra = assertTokens(a.join());
    JsonNode rb = assertTokens(b.join());
    assertThat(ra.path("refresh_token").asText()).isNotEqualTo(rb.path("refresh_token").asText());
    assertTokens(refresh(ra.path("refresh_token").asText()));
  }

  @Test
  void whenAnotherClientPresentsTheTokenThenInvalidGrantAndOwnerKeepsIt() {
    JsonNode first = tokens();
    assertError(provider.token(basic("other", otherSecret), "grant_type", "refresh_token",
        "refresh_token", first.path("refresh_token").asText()), 400, "invalid_grant");
    assertTokens(refresh(first.path("refresh_token").asText()));
  }

  @Test
  void whenUnknownTokenThenInvalidGrant() {
    assertError(refresh("not-a-token"), 400, "invalid_grant");
  }

  @Test
  void whenRefreshTokenMissingThenInvalidRequest() {
    assertError(provider.token(basic("web", secret), "grant_type", "refresh_token"), 400, "invalid_request");
  }

  @Test
  void whenPublicClientThenRotatingRefreshTokens() {
    Provider.CodeBuilder builder = provider.code("app", bob.id()).scopes("openid", "offline_access");
    String code = builder.issue();
    JsonNode body = assertTokens(provider.token(null, "grant_type", "authorization_code", "client_id", "app",
        "code", code, "redirect_uri", CB, "code_verifier", builder.verifier()));
    JsonNode refreshed = assertTokens(provider.token(null, "grant_type", "refresh_token", "client_id", "app",
        "refresh_token", body.path("refresh_token").asText()));
    assertThat(refreshed.path("refresh_token").asText()).isNotEqualTo(body.path("refresh_token").asText());
  }
}
