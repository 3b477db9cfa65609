package dev.gatehouse.server.conformance.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.User;
import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect RP-Initiated Logout 1.0 §2 and §3 (conformance: oidcc-rp-initiated-logout,
 * -bad-post-logout-redirect-uri, -modified-id-token-hint, -no-id-token-hint, -no-state,
 * -query-added-to-post-logout-redirect-uri, -only-state, -no-params, -client-id).
 */
class RpInitiatedLogoutTest {
  static OAuthFixture f;
  static User alice;
  static final String CB = "https://app.example/cb";
  static final String BYE = "https://app.example/bye";

  @BeforeAll
  static void start() {
    f = new OAuthFixture();
    f.publicClient("app", List.of(CB), true);
    alice = f.user("alice");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static UserAgent signedIn() {
    UserAgent browser = new UserAgent(f.node);
    assertThat(browser.login(browser.authorize(OAuthFixture.request("app", CB)), "alice", OAuthFixture.PASSWORD)
        .statusCode()).isEqualTo(303);
    return browser;
  }

  private static void assertSignedOut(UserAgent browser) {
    Map<String, String> r = OAuthFixture.request("app", CB);
    r.put("prompt", "none");
    assertThat(UserAgent.redirectParameters(browser.authorize(r))).containsEntry("error", "login_required");
  }

  private static void assertStillSignedIn(UserAgent browser) {
    Map<String, String> r = OAuthFixture.request("app", CB);
    r.put("prompt", "none");
    assertThat(UserAgent.redirectParameters(browser.authorize(r))).containsKey("code");
  }

  private static Map<String, String> params(String... kv) {
    Map<String, String> p = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      p.put(kv[i], kv[i + 1]);
    }
    return p;
  }

  private String hint() {
    return f.idToken(alice.id().toString(), "app", Instant.now().minusSeconds(60)); // expired is fine
  }

  @Test
  void whenValidHintAndRegisteredUriThenSessionEndedAndRedirectedWithState() {
    UserAgent browser = signedIn();
    HttpResponse<String> response = browser.get("/logout?" + UserAgent.form(params("id_token_hint", hint(),
        "post_logout_redirect_uri", BYE, "state", "s 1")));
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).contains(BYE + "?state=s+1");
    assertThat(response.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("gh_session=;")
        && c.contains("Max-Age=0"));
    assertSignedOut(browser);
    assertThat(f.eventTypes()).contains("session.ended");
  }

  @Test
  void whenNoStateThenRedirectWithoutState() {
    UserAgent browser = signedIn();
    HttpResponse<String> response = browser.post("/logout", params("id_token_hint", hint(),
        "post_logout_redirect_uri", BYE));
    assertThat(response.headers().firstValue("Location")).contains(BYE);
  }

  @Test
  void whenUriNotRegisteredThenSignedOutPageAndNoRedirect() {
    for (String uri : List.of("https://evil.example/bye", BYE + "?extra=1", BYE + "/")) {
      UserAgent browser = signedIn();
      HttpResponse<String> response = browser.get("/logout?" + UserAgent.form(params("id_token_hint", hint(),
          "post_logout_redirect_uri", uri, "state", "x")));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Location")).isEmpty();
      assertThat(response.body()).contains("You are signed out");
      assertSignedOut(browser);
    }
  }

  @Test
  void whenHintTamperedThenErrorPageNoRedirectAndSessionKept() {
    UserAgent browser = signedIn();
    String[] parts = hint().split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    HttpResponse<String> response = browser.get("/logout?" + UserAgent.form(params("id_token_hint", tampered,
        "post_logout_redirect_uri", BYE)));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertStillSignedIn(browser);
  }

  @Test
  void whenUriWithoutHintOrClientIdThenNoRedirectAndConfirmationAsked() {
    UserAgent browser = signedIn();
    HttpResponse<String> response = browser.get("/logout?" + UserAgent.form(params(
        "post_logout_redirect_uri", BYE, "state", "x")));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.body()).contains("Sign out?");
    assertStillSignedIn(browser);
  }

  @Test
  void whenNoParamsThenConfirmThenSignedOut() {
    UserAgent browser = signedIn();
    HttpResponse<String> confirm = browser.get("/logout");
    assertThat(confirm.body()).contains("Sign out?");
    assertThat(confirm.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("form-action 'self'");
    Map<String, String> form = UserAgent.hiddenFields(confirm.body());
    form.put("confirm", "yes");
    HttpResponse<String> done = browser.post("/logout", form);
    assertThat(done.body()).contains("You are signed out");
    assertSignedOut(browser);
  }

  @Test
  void whenConfirmationCsrfWrongThenRejectedAndSessionKept() {
    UserAgent browser = signedIn();
    HttpResponse<String> done = browser.post("/logout", params("confirm", "yes", "csrf", "forged"));
    assertThat(done.statusCode()).isEqualTo(400);
    assertStillSignedIn(browser);
  }

  @Test
  void whenClientIdAndRegisteredUriThenConfirmationThenRedirectWithState() {
    UserAgent browser = signedIn();
    HttpResponse<String> confirm = browser.get("/logout?" + UserAgent.form(params("client_id", "app",
        "post_logout_redirect_uri", BYE, "state", "abc")));
    assertThat(confirm.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("form-action 'self' https://app.example");
    Map<String, String> form = UserAgent.hiddenFields(confirm.body());
    assertThat(form).containsEntry("post_logout_redirect_uri", BYE).containsEntry("state", "abc");
    form.put("confirm", "yes");
    HttpResponse<String> done = browser.post("/logout", form);
    assertThat(done.headers().firstValue("Location")).contains(BYE + "?state=abc");
    assertSignedOut(browser);
  }

  @Test
  void whenClientIdContradictsHintThenErrorPage() {
    f.publicClient("other", List.of(CB), true);
    HttpResponse<String> response = signedIn().get("/logout?" + UserAgent.form(params("id_token_hint", hint(),
        "client_id", "other")));
    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void whenNoSessionAndValidRequestThenStillRedirected() {
    HttpResponse<String> response = new UserAgent(f.node).get("/logout?" + UserAgent.form(params(
        "id_token_hint", hint(), "post_logout_redirect_uri", BYE, "state", "z")));
    assertThat(response.headers().firstValue("Location")).contains(BYE + "?state=z");
  }
}
