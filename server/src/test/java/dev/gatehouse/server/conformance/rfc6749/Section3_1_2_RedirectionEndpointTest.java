package dev.gatehouse.server.conformance.rfc6749;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6749 §3.1.2 and §4.1.2.1 (an invalid client or redirect URI is shown, never redirected),
 * RFC 9700 §4.1.3 (exact matching) and RFC 8252 §7.3 (loopback redirects on any port).
 */
class Section3_1_2_RedirectionEndpointTest {
  static OAuthFixture f;

  @BeforeAll
  static void start() {
    f = new OAuthFixture();
    f.publicClient("app", List.of("https://app.example/cb", "http://127.0.0.1/native", "http://[::1]/native",
        "http://localhost:8000/dev", "com.example.app:/oauth2redirect"), true);
    f.user("alice");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static void assertErrorPageWithoutRedirect(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'none'").contains("frame-ancestors 'none'");
    assertThat(response.body()).contains("invalid_request");
  }

  @Test
  void whenClientUnknownThenErrorPageAndNoRedirect() {
    Map<String, String> request = OAuthFixture.request("nope", "https://app.example/cb");
    HttpResponse<String> response = new UserAgent(f.node).authorize(request);
    assertErrorPageWithoutRedirect(response);
    assertThat(response.body()).contains("not name a registered client");
  }

  @Test
  void whenClientIdMissingThenErrorPage() {
    Map<String, String> request = OAuthFixture.request("app", "https://app.example/cb");
    request.remove("client_id");
    assertErrorPageWithoutRedirect(new UserAgent(f.node).authorize(request));
  }

  @Test
  void whenRedirectUriMissingThenErrorPage() {
    Map<String, String> request = OAuthFixture.request("app", "https://app.example/cb");
    request.remove("redirect_uri");
    assertErrorPageWithoutRedirect(new UserAgent(f.node).authorize(request));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://app.example/cb/", "https://APP.example/cb", "https://app.example/cb?x=1",
      "https://app.example/cb#frag", "https://evil.example/cb", "https://app.example/c", "http://app.example/cb",
      "http://localhost:9999/dev", "http://127.0.0.1:5000/other", "http://127.0.0.2/native",
      "com.example.app:/other"})
  void whenRedirectUriNotExactlyRegisteredThenErrorPageAndNoRedirect(String redirectUri) {
    HttpResponse<String> response = new UserAgent(f.node).authorize(OAuthFixture.request("app", redirectUri));
    assertErrorPageWithoutRedirect(response);
    assertThat(response.body()).contains("redirect_uri is not registered");
  }

  @Test
  void whenUnregisteredRedirectUriWithOtherErrorsThenStillErrorPage() {
    Map<String, String> request = OAuthFixture.request("app", "https://evil.example/cb");
    request.put("response_type", "token");
    assertErrorPageWithoutRedirect(new UserAgent(f.node).authorize(request));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:51004/native", "http://127.0.0.1/native", "http://[::1]:61000/native"})
  void whenLoopbackRedirectOnAnyPortThenAccepted(String redirectUri) {
    UserAgent browser = new UserAgent(f.node);
    HttpResponse<String> done = browser.login(browser.authorize(OAuthFixture.request("app", redirectUri)), "alice",
        OAuthFixture.PASSWORD);
    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(done.headers().firstValue("Location").orElseThrow()).startsWith(redirectUri + "?code=");
    assertThat(f.stored(UserAgent.redirectParameters(done).get("code")).code().redirectUri()).isEqualTo(redirectUri);
  }

  @Test
  void whenPrivateUseSchemeRegisteredThenExactMatchAccepted() {
    UserAgent browser = new UserAgent(f.node);
    HttpResponse<String> done = browser.login(browser.authorize(
        OAuthFixture.request("app", "com.example.app:/oauth2redirect")), "alice", OAuthFixture.PASSWORD);
    assertThat(done.headers().firstValue("Location").orElseThrow()).startsWith("com.example.app:/oauth2redirect?code=");
  }
}
