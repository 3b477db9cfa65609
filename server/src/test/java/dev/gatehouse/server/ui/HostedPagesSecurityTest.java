package dev.gatehouse.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §7 for the hosted pages at the HTTP level: CSRF tokens bound to the pending request
 * and to the browser, cookie attributes, no caching, per-page CSP.
 */
class HostedPagesSecurityTest {
  static OAuthFixture f;
  static final String CB = "https://app.example/cb";

  @BeforeAll
  static void start() {
    f = new OAuthFixture();
    f.publicClient("app", List.of(CB), true);
    f.user("alice");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void loginPageIsNotCachedAndHasAStrictCsp() {
    HttpResponse<String> page = new UserAgent(f.node).authorize(OAuthFixture.request("app", CB));
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'none'; style-src 'sha256-").contains("form-action 'self' https://app.example")
        .contains("frame-ancestors 'none'").doesNotContain("script-src");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.body()).contains("<meta name=\"viewport\"").contains("<html lang=\"en\">")
        .contains("<label for=\"username\">").contains("<label for=\"password\">");
  }

  @Test
  void whenCsrfTokenWrongThenRejectedWithoutSigningIn() {
    UserAgent browser = new UserAgent(f.node);
    HttpResponse<String> page = browser.authorize(OAuthFixture.request("app", CB));
    Map<String, String> form = UserAgent.hiddenFields(page.body());
    form.put("csrf", "forged");
    form.put("username", "alice");
    form.put("password", OAuthFixture.PASSWORD);
    HttpResponse<String> response = browser.post("/login", form);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.body()).contains("CSRF");
  }

  @Test
  void whenPageIsPostedFromAnotherBrowserThenRejected() {
    HttpResponse<String> page = new UserAgent(f.node).authorize(OAuthFixture.request("app", CB));
    // Login CSRF: an attacker's pending request and token, posted by the victim's browser.
    HttpResponse<String> response = new UserAgent(f.node).login(page, "alice", OAuthFixture.PASSWORD);
    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void whenPendingRequestIdUnknownThenErrorPage() {
    UserAgent browser = new UserAgent(f.node);
    browser.authorize(OAuthFixture.request("app", CB));
    HttpResponse<String> response = browser.post("/login", Map.of("request", "nope", "csrf", "nope",
        "username", "alice", "password", OAuthFixture.PASSWORD));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("expired");
  }

  @Test
  void sessionCookieIsHttpOnlyLaxPathRootAndOpaque() {
    UserAgent browser = new UserAgent(f.node);
    HttpResponse<String> done = browser.login(browser.authorize(OAuthFixture.request("app", CB)), "alice",
        OAuthFixture.PASSWORD);
    String setCookie = done.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gh_session="))
        .findFirst().orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
    HttpCookie cookie = HttpCookie.parse(setCookie).get(0);
    assertThat(cookie.getValue()).matches("[A-Za-z0-9_-]{43}");
    assertThat(f.count("SELECT count(*) FROM browser_sessions WHERE id_hash = '" + cookie.getValue() + "'"))
        .as("only the hash is stored").isZero();
    assertThat(f.count("SELECT count(*) FROM browser_sessions WHERE id_hash LIKE 'hs1$%'")).isPositive();
  }

  @Test
  void whenIssuerIsHttpsThenCookiesAreSecure() {
    try (OAuthFixture https = new OAuthFixture(Map.of("GATEHOUSE_ISSUER", "https://id.example.com"))) {
      https.publicClient("app", List.of(CB), true);
      HttpResponse<String> page = new UserAgent(https.node).authorize(OAuthFixture.request("app", CB));
      assertThat(page.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("gh_browser=") && c.contains("Secure"));
    }
  }
}
