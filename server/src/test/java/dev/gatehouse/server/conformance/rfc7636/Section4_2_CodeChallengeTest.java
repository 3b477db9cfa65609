package dev.gatehouse.server.conformance.rfc7636;

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

/** RFC 7636 §4.2/§4.3/§4.4.1 at the authorization endpoint; OAuth 2.1 (PKCE required for public clients). */
class Section4_2_CodeChallengeTest {
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

  private static void assertInvalidRequest(Map<String, String> request) {
    HttpResponse<String> response = new UserAgent(f.node).authorize(request);
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(UserAgent.redirectParameters(response)).containsEntry("error", "invalid_request")
        .containsEntry("state", request.get("state")).containsEntry("iss", f.issuer());
  }

  @Test
  void whenPublicClientSendsNoChallengeThenInvalidRequest() {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.remove("code_challenge");
    request.remove("code_challenge_method");
    assertInvalidRequest(request);
  }

  @Test
  void whenMethodPlainThenInvalidRequest() {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("code_challenge_method", "plain");
    assertInvalidRequest(request);
  }

  @Test
  void whenMethodOmittedThenDefaultPlainIsRejected() {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.remove("code_challenge_method");
    assertInvalidRequest(request);
  }

  @Test
  void whenMethodWithoutChallengeThenInvalidRequest() {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.remove("code_challenge");
    assertInvalidRequest(request);
  }

  @ParameterizedTest
  @ValueSource(ints = {42, 129})
  void whenChallengeLengthOutside43To128ThenInvalidRequest(int length) {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("code_challenge", "a".repeat(length));
    assertInvalidRequest(request);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+", "/", "=", " ", "%"})
  void whenChallengeHasCharactersOutsideUnreservedThenInvalidRequest(String bad) {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("code_challenge", "a".repeat(42) + bad);
    assertInvalidRequest(request);
  }

  @ParameterizedTest
  @ValueSource(ints = {43, 128})
  void whenChallengeAtLengthBoundsThenStoredWithS256(int length) {
    UserAgent browser = new UserAgent(f.node);
    Map<String, String> request = OAuthFixture.request("app", CB);
    String challenge = "A-._~".repeat(26).substring(0, length);
    request.put("code_challenge", challenge);
    HttpResponse<String> done = browser.login(browser.authorize(request), "alice", OAuthFixture.PASSWORD);
    OAuthFixture.Stored stored = f.stored(UserAgent.redirectParameters(done).get("code"));
    assertThat(stored.code().codeChallenge()).isEqualTo(challenge);
    assertThat(stored.code().codeChallengeMethod()).isEqualTo("S256");
  }
}
