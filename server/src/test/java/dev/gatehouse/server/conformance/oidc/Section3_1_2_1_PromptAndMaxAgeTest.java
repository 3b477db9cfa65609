package dev.gatehouse.server.conformance.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.store.User;
import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OIDC Core §3.1.2.1 and §3.1.2.6: prompt (none, login, consent, select_account), max_age,
 * id_token_hint and login_hint (conformance suite: oidcc-prompt-none-*, oidcc-prompt-login,
 * oidcc-max-age-1, oidcc-max-age-10000, oidcc-id-token-hint, oidcc-login-hint).
 */
class Section3_1_2_1_PromptAndMaxAgeTest {
  static OAuthFixture f;
  static User alice;
  static User bob;
  static final String CB = "https://app.example/cb";

  @BeforeAll
  static void start() {
    f = new OAuthFixture();
    f.publicClient("app", List.of(CB), true);
    f.publicClient("third", List.of(CB), false);
    alice = f.user("alice");
    bob = f.user("bob");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static Map<String, String> request(String client, String name, String value) {
    Map<String, String> r = OAuthFixture.request(client, CB);
    r.put(name, value);
    return r;
  }

  private static UserAgent signedIn(String username) {
    UserAgent browser = new UserAgent(f.node);
    HttpResponse<String> done = browser.login(browser.authorize(OAuthFixture.request("app", CB)), username,
        OAuthFixture.PASSWORD);
    assertThat(done.statusCode()).isEqualTo(303);
    return browser;
  }

  private static String code(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    String code = UserAgent.redirectParameters(response).get("code");
    assertThat(code).as(response.headers().firstValue("Location").orElse("")).isNotNull();
    return code;
  }

  private static void assertRedirectedError(HttpResponse<String> response, String error, String state) {
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(UserAgent.redirectParameters(response)).containsEntry("error", error)
        .containsEntry("state", state).containsEntry("iss", f.issuer());
  }

  @Test
  void whenPromptNoneWithoutSessionThenLoginRequired() {
    Map<String, String> r = request("app", "prompt", "none");
    assertRedirectedError(new UserAgent(f.node).authorize(r), "login_required", r.get("state"));
  }

  @Test
  void whenPromptNoneWithSessionThenCodeWithoutAnyPage() {
    UserAgent browser = signedIn("alice");
    code(browser.authorize(request("app", "prompt", "none")));
  }

  @Test
  void whenPromptNoneAndConsentMissingThenConsentRequired() {
    UserAgent browser = signedIn("alice");
    Map<String, String> r = request("third", "prompt", "none");
    assertRedirectedError(browser.authorize(r), "consent_required", r.get("state"));
  }

  @Test
  void whenPromptNoneCombinedWithLoginThenInvalidRequest() {
    Map<String, String> r = request("app", "prompt", "none login");
    assertRedirectedError(new UserAgent(f.node).authorize(r), "invalid_request", r.get("state"));
  }

  @Test
  void whenPromptUnknownThenInvalidRequest() {
    Map<String, String> r = request("app", "prompt", "sometimes");
    assertRedirectedError(new UserAgent(f.node).authorize(r), "invalid_request", r.get("state"));
  }

  @Test
  void whenPromptLoginThenLoginPageDespiteSessionAndNewAuthTime() throws Exception {
    UserAgent browser = signedIn("alice");
    Instant first = f.stored(code(browser.authorize(OAuthFixture.request("app", CB)))).grant().details().authTime();
    Thread.sleep(1100);
    HttpResponse<String> page = browser.authorize(request("app", "prompt", "login"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("action=\"/login\"").doesNotContain("Continue as");
    Instant second = f.stored(code(browser.login(page, "alice", OAuthFixture.PASSWORD))).grant().details().authTime();
    assertThat(second).isAfter(first);
  }

  @Test
  void whenPromptConsentThenConsentPageEvenForFirstPartyClient() {
    UserAgent browser = signedIn("alice");
    HttpResponse<String> page = browser.authorize(request("app", "prompt", "consent"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("action=\"/consent\"");
    code(browser.consent(page, true));
  }

  @Test
  void whenPromptSelectAccountThenContinueAsOrAnotherAccount() {
    UserAgent browser = signedIn("alice");
    HttpResponse<String> page = browser.authorize(request("app", "prompt", "select_account"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Continue as alice").contains("Use another account");
    Map<String, String> fields = UserAgent.hiddenFields(page.body());
    fields.put("action", "continue");
    assertThat(f.stored(code(browser.post("/login", fields))).grant().userId()).isEqualTo(alice.id());

    HttpResponse<String> again = browser.authorize(request("app", "prompt", "select_account"));
    assertThat(f.stored(code(browser.login(again, "bob", OAuthFixture.PASSWORD))).grant().userId()).isEqualTo(bob.id());
  }

  @Test
  void whenMaxAgeZeroThenReauthenticate() {
    UserAgent browser = signedIn("alice");
    HttpResponse<String> page = browser.authorize(request("app", "max_age", "0"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("action=\"/login\"");
  }

  @Test
  void whenMaxAgeElapsedThenReauthenticateElseSessionReused() throws Exception {
    UserAgent browser = signedIn("alice");
    code(browser.authorize(request("app", "max_age", "10000")));
    Thread.sleep(2100);
    HttpResponse<String> page = browser.authorize(request("app", "max_age", "1"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("action=\"/login\"");
    Map<String, String> none = request("app", "max_age", "1");
    none.put("prompt", "none");
    assertRedirectedError(browser.authorize(none), "login_required", none.get("state"));
  }

  @Test
  void whenMaxAgeInvalidThenInvalidRequest() {
    Map<String, String> r = request("app", "max_age", "-1");
    assertRedirectedError(new UserAgent(f.node).authorize(r), "invalid_request", r.get("state"));
  }

  @Test
  void whenIdTokenHintNamesTheSessionUserThenPromptNoneSucceedsEvenIfExpired() {
    UserAgent browser = signedIn("alice");
    Map<String, String> r = request("app", "prompt", "none");
    r.put("id_token_hint", f.idToken(alice.id().toString(), "app", Instant.now().minusSeconds(3600)));
    code(browser.authorize(r));
  }

  @Test
  void whenIdTokenHintNamesAnotherUserThenLoginRequiredOrLoginPage() {
    UserAgent browser = signedIn("alice");
    Map<String, String> r = request("app", "prompt", "none");
    r.put("id_token_hint", f.idToken(bob.id().toString(), "app", Instant.now().plusSeconds(600)));
    assertRedirectedError(browser.authorize(r), "login_required", r.get("state"));
    Map<String, String> interactive = request("app", "id_token_hint",
        f.idToken(bob.id().toString(), "app", Instant.now().plusSeconds(600)));
    assertThat(browser.authorize(interactive).body()).contains("action=\"/login\"");
  }

  @Test
  void whenIdTokenHintNotSignedByUsThenInvalidRequest() {
    String token = f.idToken(alice.id().toString(), "app", Instant.now().plusSeconds(600));
    String[] parts = token.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    Map<String, String> r = request("app", "id_token_hint", tampered);
    assertRedirectedError(new UserAgent(f.node).authorize(r), "invalid_request", r.get("state"));
  }

  @Test
  void whenLoginHintThenUsernamePrefilled() {
    HttpResponse<String> page = new UserAgent(f.node).authorize(request("app", "login_hint", "bob\"<x>"));
    assertThat(page.body()).contains("value=\"bob&quot;&lt;x&gt;\"");
  }
}
