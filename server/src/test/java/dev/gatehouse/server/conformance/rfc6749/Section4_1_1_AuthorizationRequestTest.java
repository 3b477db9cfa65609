package dev.gatehouse.server.conformance.rfc6749;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.User;
import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 6749 §4.1.1 (authorization request) and §4.1.2 (authorization response) with the code
 * contract the token endpoint consumes; §3.1 parameter rules; §4.1.2.1 error responses.
 */
class Section4_1_1_AuthorizationRequestTest {
  static OAuthFixture f;
  static User alice;
  static final String CB = "https://app.example/cb";

  @BeforeAll
  static void start() {
    f = new OAuthFixture();
    f.publicClient("app", List.of(CB, "https://app.example/cb?tenant=7"), true);
    f.publicClient("third", List.of(CB), false);
    f.confidentialClient("conf", List.of(CB), true);
    alice = f.user("alice");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void whenValidRequestThenLoginPageThenCodeRedirectWithStateAndIssAndStoredGrantMatchesContract() {
    UserAgent browser = new UserAgent(f.node);
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("claims", "{\"id_token\":{\"email\":{\"essential\":true}}}");
    HttpResponse<String> page = browser.authorize(request);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(page.body()).contains("<form method=\"post\" action=\"/login\"");

    Instant before = Instant.now().minusSeconds(1);
    HttpResponse<String> done = browser.login(page, "alice", OAuthFixture.PASSWORD);
    assertThat(done.statusCode()).isEqualTo(303);
    String location = done.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(CB + "?");
    Map<String, String> params = UserAgent.redirectParameters(done);
    assertThat(params).containsEntry("state", request.get("state")).containsEntry("iss", f.issuer());
    assertThat(params.get("code")).hasSize(43);

    OAuthFixture.Stored stored = f.stored(params.get("code"));
    assertThat(stored.grant().clientId()).isEqualTo("app");
    assertThat(stored.grant().userId()).isEqualTo(alice.id());
    assertThat(stored.grant().scopes()).containsExactlyInAnyOrder("openid", "profile");
    assertThat(stored.grant().revokedAt()).isNull();
    assertThat(stored.grant().details().acr()).isEqualTo("urn:gatehouse:acr:password");
    assertThat(stored.grant().details().amr()).containsExactly("pwd");
    assertThat(stored.grant().details().authTime()).isBetween(before.minusSeconds(1), Instant.now());
    assertThat(stored.grant().details().sessionId()).isNotBlank();
    assertThat(stored.grant().details().claimsRequest().replace(" ", "")).contains("\"essential\":true");
    assertThat(stored.code().redirectUri()).isEqualTo(CB);
    assertThat(stored.code().codeChallenge()).isEqualTo(request.get("code_challenge"));
    assertThat(stored.code().codeChallengeMethod()).isEqualTo("S256");
    assertThat(stored.code().nonce()).isEqualTo(request.get("nonce"));
    assertThat(stored.code().expiresAt()).isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
    assertThat(stored.code().consumedAt()).isNull();
    assertThat(f.eventTypes()).contains("session.started", "user.login_succeeded");
  }

  @Test
  void whenPostedAsFormThenSameAsGet() {
    UserAgent browser = new UserAgent(f.node);
    HttpResponse<String> page = browser.post("/authorize", OAuthFixture.request("app", CB));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("action=\"/login\"");
  }

  @Test
  void whenRedirectUriHasQueryThenItIsKeptAndCodeAppended() {
    UserAgent browser = new UserAgent(f.node);
    String cb = "https://app.example/cb?tenant=7";
    HttpResponse<String> done = browser.login(browser.authorize(OAuthFixture.request("app", cb)), "alice",
        OAuthFixture.PASSWORD);
    assertThat(done.headers().firstValue("Location").orElseThrow()).startsWith(cb + "&code=");
    assertThat(f.stored(UserAgent.redirectParameters(done).get("code")).code().redirectUri()).isEqualTo(cb);
  }

  @Test
  void whenConfidentialClientWithoutPkceThenCodeWithoutChallenge() {
    UserAgent browser = new UserAgent(f.node);
    Map<String, String> request = OAuthFixture.request("conf", CB);
    request.remove("code_challenge");
    request.remove("code_challenge_method");
    request.remove("nonce");
    HttpResponse<String> done = browser.login(browser.authorize(request), "alice", OAuthFixture.PASSWORD);
    OAuthFixture.Stored stored = f.stored(UserAgent.redirectParameters(done).get("code"));
    assertThat(stored.code().codeChallenge()).isNull();
    assertThat(stored.code().codeChallengeMethod()).isNull();
    assertThat(stored.code().nonce()).isNull();
  }

  @Test
  void whenWrongPasswordThenGenericErrorAndLoginFailedEventAndNoSession() {
    UserAgent browser = new UserAgent(f.node);
    HttpResponse<String> page = browser.authorize(OAuthFixture.request("app", CB));
    HttpResponse<String> again = browser.login(page, "alice", "wrong password!");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("Wrong username or password.").contains("aria-describedby=\"login-error\"");
    HttpResponse<String> unknown = browser.login(page, "nobody", "wrong password!");
    assertThat(unknown.body()).contains("Wrong username or password.");
    assertThat(browser.cookies.getCookieStore().getCookies()).noneMatch(c -> c.getName().equals("gh_session"));
    assertThat(f.eventTypes()).contains("user.login_failed");
    // The same page still works with the right password.
    assertThat(browser.login(page, "alice", OAuthFixture.PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void whenThirdPartyClientThenConsentPageThenRememberedForTheSameScopes() {
    UserAgent browser = new UserAgent(f.node);
    HttpResponse<String> consent = browser.login(browser.authorize(OAuthFixture.request("third", CB)), "alice",
        OAuthFixture.PASSWORD);
    assertThat(consent.statusCode()).isEqualTo(200);
    assertThat(consent.body()).contains("Allow App third to use your account?")
        .contains("See your name and basic profile");
    HttpResponse<String> done = browser.consent(consent, true);
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(UserAgent.redirectParameters(done)).containsKey("code");
    // The consent and its event are one transaction (DESIGN.md §4.10).
    assertThat(f.eventTypes()).contains("consent.granted");

    HttpResponse<String> second = browser.authorize(OAuthFixture.request("third", CB));
    assertThat(second.statusCode()).as("consent remembered, SSO session reused").isEqualTo(303);
    assertThat(UserAgent.redirectParameters(second)).containsKey("code");
  }

  @Test
  void whenUserDeniesThenAccessDeniedRedirectedWithStateAndIss() {
    UserAgent browser = new UserAgent(f.node);
    f.user("bob");
    Map<String, String> request = OAuthFixture.request("third", CB);
    HttpResponse<String> consent = browser.login(browser.authorize(request), "bob", OAuthFixture.PASSWORD);
    HttpResponse<String> denied = browser.consent(consent, false);
    assertThat(denied.statusCode()).isEqualTo(303);
    assertThat(UserAgent.redirectParameters(denied)).containsEntry("error", "access_denied")
        .containsEntry("state", request.get("state")).containsEntry("iss", f.issuer());
    // RFC 6749 §10.12: the pending request is single-use.
    assertThat(browser.consent(consent, true).statusCode()).isEqualTo(400);
  }

  @Test
  void whenSecondAuthorizationThenSsoSkipsLogin() {
    UserAgent browser = new UserAgent(f.node);
    browser.login(browser.authorize(OAuthFixture.request("app", CB)), "alice", OAuthFixture.PASSWORD);
    HttpResponse<String> second = browser.authorize(OAuthFixture.request("app", CB));
    assertThat(second.statusCode()).isEqualTo(303);
    assertThat(UserAgent.redirectParameters(second)).containsKey("code");
  }

  @Test
  void codeExpiresWithinAMinute() {
    assertThat(Duration.ofSeconds(60)).isLessThanOrEqualTo(Duration.ofMinutes(10));
  }
}
