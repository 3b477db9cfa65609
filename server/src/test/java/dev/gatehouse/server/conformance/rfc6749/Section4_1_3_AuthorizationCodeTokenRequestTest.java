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
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 6749 §4.1.3 access token request and §4.1.2 single-use codes; RFC 8707 at the token endpoint. */
class Section4_1_3_AuthorizationCodeTokenRequestTest {
  static final String CB = "https://app.example/cb";
  static Provider provider;
  static String secret;
  static String otherSecret;
  static User alice;

  @BeforeAll
  static void start() {
    provider = Provider.start();
    secret = provider.confidential("web", "client_secret_basic", Set.of("authorization_code", "refresh_token"),
        Set.of("openid", "profile", "email", "api"));
    otherSecret = provider.confidential("other", "client_secret_basic", Set.of("authorization_code"), Set.of("openid"));
    provider.confidential("no-refresh", "client_secret_post", Set.of("authorization_code"), Set.of("openid"));
    alice = provider.user("alice");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  Provider.CodeBuilder code() {
    return provider.code("web", alice.id()).scopes("openid", "profile", "api");
  }

  @Test
  void whenValidCodeThenAccessRefreshAndIdTokens() throws Exception {
    Provider.CodeBuilder builder = code();
    String code = builder.issue();
    JsonNode body = assertTokens(provider.token(basic("web", secret), "grant_type", "authorization_code",
        "code", code, "redirect_uri", CB, "code_verifier", builder.verifier()));
    assertThat(body.path("refresh_token").asText()).hasSize(43);
    assertThat(body.path("id_token").asText()).isNotBlank();
    assertThat(body.path("scope").asText()).isEqualTo("api openid profile");
    JWTClaimsSet at = jwt(body.path("access_token").asText()).getJWTClaimsSet();
    assertThat(at.getSubject()).isEqualTo(alice.id().toString());
    assertThat(at.getStringClaim("client_id")).isEqualTo("web");
    assertThat(at.getAudience()).containsExactly(provider.issuer());
    assertThat(at.getLongClaim("auth_time")).isEqualTo(builder.authTime().getEpochSecond());
    assertThat(at.getStringClaim("acr")).isEqualTo(Provider.ACR);
    assertThat(at.getStringListClaim("amr")).containsExactly("pwd");
    assertThat(at.getStringClaim("sid")).isEqualTo("sid-" + builder.grantId);
    assertThat(at.getStringClaim("gid")).isEqualTo(builder.grantId.toString());
  }

  @Test
  void whenConfidentialClientWithoutPkceThenTokens() {
    String code = code().noPkce().issue();
    assertTokens(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB));
  }

  @Test
  void whenClientHasNoRefreshGrantThenNoRefreshToken() {
    String noRefreshSecret = provider.confidential("no-refresh-2", "client_secret_basic", Set.of("authorization_code"),
        Set.of("openid"));
    String code = provider.code("no-refresh-2", alice.id()).noPkce().issue();
    JsonNode body = assertTokens(provider.token(basic("no-refresh-2", noRefreshSecret), "grant_type",
        "authorization_code", "code", code, "redirect_uri", CB));
    assertThat(body.has("refresh_token")).isFalse();
  }

  @Test
  void whenCodeReusedThenInvalidGrantAndTokensRevoked() {
    Provider.CodeBuilder builder = code();
    String code = builder.issue();
    JsonNode first = assertTokens(provider.token(basic("web", secret), "grant_type", "authorization_code",
        "code", code, "redirect_uri", CB, "code_verifier", builder.verifier()));
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB, "code_verifier", builder.verifier()), 400, "invalid_grant");
    // RFC 6749 §4.1.2: what the code issued is revoked: the refresh token no longer works...
    assertError(provider.token(basic("web", secret), "grant_type", "refresh_token",
        "refresh_token", first.path("refresh_token").asText()), 400, "invalid_grant");
    // ...and the grant is revoked, so its access token introspects inactive.
    assertThat(provider.grants.findById(builder.grantId).orElseThrow().isRevoked()).isTrue();
  }

  @Test
  void whenCodeIssuedToAnotherClientThenInvalidGrant() {
    String code = code().noPkce().issue();
    assertError(provider.token(basic("other", otherSecret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB), 400, "invalid_grant");
  }

  @Test
  void whenRedirectUriDiffersThenInvalidGrant() {
    String code = code().noPkce().issue();
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB + "/x"), 400, "invalid_grant");
  }

  @Test
  void whenRedirectUriMissingThenInvalidRequest() {
    String code = code().noPkce().issue();
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", code), 400,
        "invalid_request");
  }

  @Test
  void whenCodeMissingThenInvalidRequest() {
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "redirect_uri", CB), 400,
        "invalid_request");
  }

  @Test
  void whenCodeUnknownThenInvalidGrant() {
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", "nope",
        "redirect_uri", CB), 400, "invalid_grant");
  }

  @Test
  void whenCodeExpiredThenInvalidGrant() {
    String code = code().noPkce().lifetime(Duration.ofMillis(1)).issue();
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB), 400, "invalid_grant");
  }

  @Test
  void whenGrantHasResourcesThenTheyAreTheAudienceAndResourceNarrows() throws Exception {
    String code = code().noPkce().resources("https://a.example/", "https://b.example/").issue();
    JsonNode body = assertTokens(provider.token(basic("web", secret), "grant_type", "authorization_code",
        "code", code, "redirect_uri", CB));
    assertThat(jwt(body.path("access_token").asText()).getJWTClaimsSet().getAudience())
        .containsExactly("https://a.example/", "https://b.example/");
    JsonNode refreshed = assertTokens(provider.token(basic("web", secret), "grant_type", "refresh_token",
        "refresh_token", body.path("refresh_token").asText(), "resource", "https://b.example/"));
    assertThat(jwt(refreshed.path("access_token").asText()).getJWTClaimsSet().getAudience())
        .containsExactly("https://b.example/");
  }

  @Test
  void whenResourceNotAuthorizedThenInvalidTarget() {
    String code = code().noPkce().resources("https://a.example/").issue();
    assertError(provider.token(basic("web", secret), "grant_type", "authorization_code", "code", code,
        "redirect_uri", CB, "resource", "https://evil.example/"), 400, "invalid_target");
  }
}
