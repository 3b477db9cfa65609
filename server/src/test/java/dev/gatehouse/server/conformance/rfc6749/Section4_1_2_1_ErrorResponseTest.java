package dev.gatehouse.server.conformance.rfc6749;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.client.ClientMetadata;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 6749 §4.1.2.1 error responses after the redirect URI is validated (redirected with state
 * and iss), §3.1 parameter rules, OIDC Core §6 request objects, §5.5 claims, RFC 8707 §2 resource.
 */
class Section4_1_2_1_ErrorResponseTest {
  static OAuthFixture f;
  static final String CB = "https://app.example/cb";

  @BeforeAll
  static void start() {
    f = new OAuthFixture();
    f.publicClient("app", List.of(CB), true);
    f.node.node().clients().register(new ClientMetadata("machine", "Machine", ClientType.CONFIDENTIAL,
        Optional.empty(), List.of(CB), Set.of("client_credentials"), Set.of("openid"), Optional.empty(),
        List.of(), true));
    f.user("alice");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static Map<String, String> redirectedError(Map<String, String> request, String error) {
    HttpResponse<String> response = new UserAgent(f.node).authorize(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    Map<String, String> params = UserAgent.redirectParameters(response);
    assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(CB + "?");
    assertThat(params).containsEntry("error", error).containsEntry("iss", f.issuer())
        .containsEntry("state", request.get("state")).containsKey("error_description").doesNotContainKey("code");
    return params;
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> request = OAuthFixture.request("app", CB);
    if (value == null) {
      request.remove(name);
    } else {
      request.put(name, value);
    }
    return request;
  }

  @Test
  void whenResponseTypeMissingThenInvalidRequest() {
    redirectedError(with("response_type", null), "invalid_request");
  }

  @Test
  void whenResponseTypeTokenThenUnsupportedResponseType() {
    redirectedError(with("response_type", "token"), "unsupported_response_type");
    redirectedError(with("response_type", "code id_token"), "unsupported_response_type");
  }

  @Test
  void whenClientNotRegisteredForAuthorizationCodeThenUnauthorizedClient() {
    Map<String, String> request = OAuthFixture.request("machine", CB);
    redirectedError(request, "unauthorized_client");
  }

  @Test
  void whenScopeNotRegisteredThenInvalidScope() {
    redirectedError(with("scope", "openid admin"), "invalid_scope");
  }

  @Test
  void whenScopeMissingThenInvalidScope() {
    redirectedError(with("scope", null), "invalid_scope");
  }

  @Test
  void whenStateAbsentThenErrorHasNoState() {
    HttpResponse<String> response = new UserAgent(f.node).authorize(with("state", null).entrySet().stream()
        .filter(e -> !e.getKey().equals("response_type"))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertThat(UserAgent.redirectParameters(response)).doesNotContainKey("state").containsEntry("iss", f.issuer());
  }

  @Test
  void whenParameterRepeatedThenInvalidRequestPage() {
    Map<String, String> request = OAuthFixture.request("app", CB);
    HttpResponse<String> response = new UserAgent(f.node).get("/authorize?" + UserAgent.form(request)
        + "&scope=openid");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.body()).contains("repeated");
  }

  @Test
  void whenUnknownParameterThenIgnored() {
    HttpResponse<String> response = new UserAgent(f.node).authorize(with("x_custom", "whatever"));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void whenEmptyParameterThenTreatedAsOmitted() {
    HttpResponse<String> response = new UserAgent(f.node).get("/authorize?" + UserAgent.form(
        OAuthFixture.request("app", CB)) + "&prompt=&max_age=");
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void whenRequestObjectThenRequestNotSupported() {
    redirectedError(with("request", "eyJhbGciOiJub25lIn0.e30."), "request_not_supported");
  }

  @Test
  void whenRequestUriThenRequestUriNotSupported() {
    redirectedError(with("request_uri", "https://app.example/req.jwt"), "request_uri_not_supported");
  }

  @Test
  void whenClaimsNotJsonThenInvalidRequest() {
    redirectedError(with("claims", "{not json"), "invalid_request");
    redirectedError(with("claims", "[1,2]"), "invalid_request");
    redirectedError(with("claims", "{\"userinfo\": 3}"), "invalid_request");
  }

  @Test
  void whenResponseModeUnknownThenInvalidRequestInQuery() {
    redirectedError(with("response_mode", "web_message"), "invalid_request");
  }

  @Test
  void whenResponseModeFragmentThenErrorInFragment() {
    Map<String, String> request = with("response_type", "token");
    request.put("response_mode", "fragment");
    HttpResponse<String> response = new UserAgent(f.node).authorize(request);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(CB + "#");
    assertThat(UserAgent.responseParameters(location, true)).containsEntry("error", "unsupported_response_type")
        .containsEntry("iss", f.issuer()).containsEntry("state", request.get("state"));
  }

  @Test
  void whenResourceNotAbsoluteOrHasFragmentThenInvalidTarget() {
    redirectedError(with("resource", "api/orders"), "invalid_target");
    redirectedError(with("resource", "https://api.example/#x"), "invalid_target");
  }

  @Test
  void whenSeveralResourcesThenAllStoredOnTheGrant() {
    UserAgent browser = new UserAgent(f.node);
    String query = UserAgent.form(OAuthFixture.request("app", CB))
        + "&resource=" + java.net.URLEncoder.encode("https://orders.example/", java.nio.charset.StandardCharsets.UTF_8)
        + "&resource=" + java.net.URLEncoder.encode("https://billing.example/", java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> done = browser.login(browser.get("/authorize?" + query), "alice", OAuthFixture.PASSWORD);
    assertThat(f.stored(UserAgent.redirectParameters(done).get("code")).grant().details().resources())
        .containsExactly("https://orders.example/", "https://billing.example/");
  }

  @Test
  void whenUiLocalesClaimsLocalesAcrValuesDisplayThenAccepted() {
    Map<String, String> request = OAuthFixture.request("app", CB);
    request.put("ui_locales", "fr-CA en");
    request.put("claims_locales", "de");
    request.put("acr_values", "urn:gatehouse:acr:password");
    request.put("display", "touch");
    assertThat(new UserAgent(f.node).authorize(request).statusCode()).isEqualTo(200);
  }
}
