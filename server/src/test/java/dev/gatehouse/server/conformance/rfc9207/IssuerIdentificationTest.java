package dev.gatehouse.server.conformance.rfc9207;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 9207 §2: {@code iss} in every authorization response, success and error, in every response mode. */
class IssuerIdentificationTest {
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
  void whenCodeIssuedThenIssIsTheIssuer() {
    UserAgent browser = new UserAgent(f.node);
    HttpResponse<String> done = browser.login(browser.authorize(OAuthFixture.request("app", CB)), "alice",
        OAuthFixture.PASSWORD);
    assertThat(UserAgent.redirectParameters(done)).containsEntry("iss", f.issuer());
    assertThat(f.issuer()).startsWith("http://127.0.0.1:").doesNotEndWith("/");
  }

  @Test
  void whenErrorRedirectedThenIssIsTheIssuer() {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("scope", "unknown");
    assertThat(UserAgent.redirectParameters(new UserAgent(f.node).authorize(request)))
        .containsEntry("error", "invalid_scope").containsEntry("iss", f.issuer());
  }

  @Test
  void whenFragmentModeThenIssInFragment() {
    UserAgent browser = new UserAgent(f.node);
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("response_mode", "fragment");
    HttpResponse<String> done = browser.login(browser.authorize(request), "alice", OAuthFixture.PASSWORD);
    String location = done.headers().firstValue("Location").orElseThrow();
    assertThat(UserAgent.responseParameters(location, true)).containsKey("code").containsEntry("iss", f.issuer());
    assertThat(UserAgent.responseParameters(location, false)).isEmpty();
  }

  @Test
  void whenFormPostModeThenIssIsAFormField() {
    UserAgent browser = new UserAgent(f.node);
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("response_mode", "form_post");
    HttpResponse<String> done = browser.login(browser.authorize(request), "alice", OAuthFixture.PASSWORD);
    assertThat(UserAgent.hiddenFields(done.body())).containsEntry("iss", f.issuer()).containsKey("code");
  }
}
