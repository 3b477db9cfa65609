package dev.gatehouse.server.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import dev.gatehouse.verifier.JwtVerifier;
import dev.gatehouse.verifier.VerifiedToken;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole browser-less login of a public native app, through the real endpoints only: authorize
 * → login form → code (PKCE) → tokens → a service verifying the access token with
 * gatehouse-verifier → userinfo → refresh rotation and reuse detection → RP-initiated logout.
 */
class CodeFlowEndToEndTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String REDIRECT = "http://127.0.0.1:53123/callback";
  static OAuthFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new OAuthFixture();
    fixture.publicClient("e2e-app", List.of("http://127.0.0.1/callback"), true);
    fixture.user("erin");
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  HttpResponse<String> token(Map<String, String> form) {
    return fixture.node.send(HttpRequest.newBuilder(fixture.node.uri("/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(UserAgent.form(form))).build());
  }

  @Test
  void nativeAppSignsInGetsTokensAServiceVerifiesThemAndRefreshRotates() throws Exception {
    // RFC 8252 §7.3: a loopback redirect on any port; RFC 7636: S256 challenge.
    String[] pkce = OAuthFixture.pkce();
    Map<String, String> request = OAuthFixture.request("e2e-app", REDIRECT);
    request.put("code_challenge", pkce[1]);
    request.put("scope", "openid profile email offline_access");
    UserAgent browser = new UserAgent(fixture.node);

    HttpResponse<String> loginPage = browser.authorize(request);
    assertThat(loginPage.statusCode()).isEqualTo(200);
    HttpResponse<String> redirect = browser.login(loginPage, "erin", OAuthFixture.PASSWORD);
    Map<String, String> response = UserAgent.redirectParameters(redirect);
    assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith(REDIRECT);
    assertThat(response).containsEntry("state", request.get("state"))
        .containsEntry("iss", fixture.issuer()); // RFC 9207 §2

    HttpResponse<String> tokens = token(Map.of("grant_type", "authorization_code",
        "code", response.get("code"), "redirect_uri", REDIRECT, "client_id", "e2e-app",
        "code_verifier", pkce[0]));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    assertThat(tokens.headers().firstValue("Cache-Control")).contains("no-store");
    JsonNode body = JSON.readTree(tokens.body());
    String accessToken = body.get("access_token").asText();
    String refreshToken = body.get("refresh_token").asText();

    // The ID token: audience, nonce, auth_time, sid (OIDC Core §2, §3.1.3.6).
    SignedJWT idToken = SignedJWT.parse(body.get("id_token").asText());
    assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly("e2e-app");
    assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo(request.get("nonce"));
    assertThat(idToken.getJWTClaimsSet().getClaim("auth_time")).isNotNull();
    String sid = idToken.getJWTClaimsSet().getStringClaim("sid");
    assertThat(sid).isNotBlank();

    // A backend service verifies the access token locally with gatehouse-verifier (RFC 9068).
    JwtVerifier verifier = JwtVerifier.builder().issuer(fixture.issuer()).audience(fixture.issuer())
        .jwksUri(URI.create(fixture.issuer() + "/.well-known/jwks.json")).build();
    VerifiedToken verified = verifier.verify(accessToken);
    assertThat(verified.clientId()).isEqualTo("e2e-app");
    assertThat(verified.scopes()).contains("openid", "email");
    assertThat(verified.sessionId()).contains(sid);

    HttpResponse<String> userinfo = fixture.node.send(HttpRequest.newBuilder(fixture.node.uri("/userinfo"))
        .header("Authorization", "Bearer " + accessToken).GET().build());
    assertThat(userinfo.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(userinfo.body()).get("email").asText()).isEqualTo("erin@example.com");
    assertThat(JSON.readTree(userinfo.body()).get("sub").asText()).isEqualTo(verified.subject());

    // Refresh rotates (OAuth 2.1 §4.3.1); presenting the old token again, after the leeway,
    // is reuse and revokes the family (RFC 9700 §4.14.2) — tested with leeway elsewhere.
    HttpResponse<String> refreshed = token(Map.of("grant_type", "refresh_token",
        "refresh_token", refreshToken, "client_id", "e2e-app"));
    assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
    String newRefresh = JSON.readTree(refreshed.body()).get("refresh_token").asText();
    assertThat(newRefresh).isNotEqualTo(refreshToken);

    // The code is single-use: a replay fails and revokes what the code issued (RFC 6749 §4.1.2).
    HttpResponse<String> replay = token(Map.of("grant_type", "authorization_code",
        "code", response.get("code"), "redirect_uri", REDIRECT, "client_id", "e2e-app",
        "code_verifier", pkce[0]));
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(replay.body()).get("error").asText()).isEqualTo("invalid_grant");
    HttpResponse<String> afterReplay = token(Map.of("grant_type", "refresh_token",
        "refresh_token", newRefresh, "client_id", "e2e-app"));
    assertThat(JSON.readTree(afterReplay.body()).get("error").asText()).isEqualTo("invalid_grant");

    // RP-Initiated Logout with the ID token as hint ends the SSO session and returns to the client.
    HttpResponse<String> logout = browser.get("/logout?id_token_hint=" + body.get("id_token").asText()
        + "&post_logout_redirect_uri=" + UserAgent.form(Map.of("u", "https://e2e-app.example/bye")).substring(2)
        + "&state=bye-1");
    assertThat(logout.statusCode()).isIn(302, 303);
    assertThat(logout.headers().firstValue("Location").orElseThrow())
        .startsWith("https://e2e-app.example/bye").contains("state=bye-1");
    // No session any more: prompt=none now answers login_required.
    Map<String, String> silent = OAuthFixture.request("e2e-app", REDIRECT);
    silent.put("prompt", "none");
    assertThat(UserAgent.redirectParameters(browser.authorize(silent))).containsEntry("error", "login_required");
  }
}
