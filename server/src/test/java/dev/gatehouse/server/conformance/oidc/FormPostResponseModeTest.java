package dev.gatehouse.server.conformance.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OAuth 2.0 Form Post Response Mode §2 and §5 (conformance: oidcc-response-mode-form-post...). */
class FormPostResponseModeTest {
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
  void whenFormPostThenAutoSubmittingFormWithCodeStateIssUnderNonceCsp() {
    UserAgent browser = new UserAgent(f.node);
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("response_mode", "form_post");
    HttpResponse<String> done = browser.login(browser.authorize(request), "alice", OAuthFixture.PASSWORD);
    assertThat(done.statusCode()).isEqualTo(200);
    assertThat(done.headers().firstValue("Location")).isEmpty();
    assertThat(done.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(done.body()).contains("<form id=\"response\" method=\"post\" action=\"" + CB + "\">");
    Map<String, String> fields = UserAgent.hiddenFields(done.body());
    assertThat(fields).containsEntry("state", request.get("state")).containsEntry("iss", f.issuer());
    assertThat(f.stored(fields.get("code")).code().redirectUri()).isEqualTo(CB);

    String csp = done.headers().firstValue("Content-Security-Policy").orElseThrow();
    Matcher nonce = Pattern.compile("script-src 'nonce-([A-Za-z0-9_-]+)'").matcher(csp);
    assertThat(nonce.find()).isTrue();
    assertThat(done.body()).contains("<script nonce=\"" + nonce.group(1) + "\">");
    assertThat(csp).contains("form-action https://app.example;").contains("default-src 'none'")
        .doesNotContain("unsafe-inline");
  }

  @Test
  void whenFormPostErrorThenPostedNotRedirected() {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("response_mode", "form_post");
    request.put("scope", "nope");
    HttpResponse<String> response = new UserAgent(f.node).authorize(request);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(UserAgent.hiddenFields(response.body())).containsEntry("error", "invalid_scope")
        .containsEntry("state", request.get("state")).containsEntry("iss", f.issuer());
  }

  @Test
  void whenStateContainsMarkupThenEscapedInTheForm() {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("response_mode", "form_post");
    request.put("scope", "nope");
    request.put("state", "\"><script>alert(1)</script>");
    HttpResponse<String> response = new UserAgent(f.node).authorize(request);
    assertThat(response.body()).doesNotContain("<script>alert(1)").contains("&quot;&gt;&lt;script&gt;");
  }
}
