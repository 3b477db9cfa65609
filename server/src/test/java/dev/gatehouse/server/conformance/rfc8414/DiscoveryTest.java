package dev.gatehouse.server.conformance.rfc8414;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.conformance.Provider;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OIDC Discovery 1.0 §3/§4 and RFC 8414 §2/§3: complete and truthful metadata. */
class DiscoveryTest {
  static Provider provider;

  @BeforeAll
  static void start() {
    provider = Provider.start(Map.of("GATEHOUSE_SIGNING_ALGORITHMS", "ES256,RS256,EdDSA"));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  JsonNode document(String path) {
    HttpResponse<String> response = provider.node.get(path);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=300");
    return Provider.json(response);
  }

  @Test
  void whenOpenIdConfigurationThenEveryRequiredMemberAndExactEndpoints() {
    JsonNode m = document("/.well-known/openid-configuration");
    String issuer = provider.issuer();
    // OIDC Discovery §4.3: issuer MUST be identical to the issuer URL the document was fetched for.
    assertThat(m.path("issuer").asText()).isEqualTo(issuer);
    assertThat(m.path("authorization_endpoint").asText()).isEqualTo(issuer + "/authorize");
    assertThat(m.path("token_endpoint").asText()).isEqualTo(issuer + "/token");
    assertThat(m.path("userinfo_endpoint").asText()).isEqualTo(issuer + "/userinfo");
    assertThat(m.path("jwks_uri").asText()).isEqualTo(issuer + "/.well-known/jwks.json");
    assertThat(m.path("introspection_endpoint").asText()).isEqualTo(issuer + "/introspect");
    assertThat(m.path("revocation_endpoint").asText()).isEqualTo(issuer + "/revoke");
    assertThat(m.path("end_session_endpoint").asText()).isEqualTo(issuer + "/logout");
    assertThat(strings(m.path("response_types_supported"))).containsExactly("code");
    assertThat(strings(m.path("response_modes_supported"))).containsExactly("query", "fragment", "form_post");
    assertThat(strings(m.path("grant_types_supported")))
        .containsExactly("authorization_code", "refresh_token", "client_credentials");
    assertThat(strings(m.path("code_challenge_methods_supported"))).containsExactly("S256");
    assertThat(strings(m.path("subject_types_supported"))).containsExactly("public");
    assertThat(strings(m.path("id_token_signing_alg_values_supported"))).containsExactlyInAnyOrder("ES256", "RS256", "EdDSA");
    assertThat(strings(m.path("token_endpoint_auth_methods_supported")))
        .containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
    assertThat(strings(m.path("token_endpoint_auth_signing_alg_values_supported"))).doesNotContain("none", "HS256");
    assertThat(strings(m.path("scopes_supported")))
        .containsExactly("openid", "profile", "email", "address", "phone", "offline_access");
    assertThat(strings(m.path("claims_supported"))).contains("sub", "iss", "auth_time", "acr", "email", "name");
    assertThat(m.path("claims_parameter_supported").asBoolean()).isTrue();
    assertThat(m.path("request_parameter_supported").asBoolean()).isFalse();
    assertThat(m.path("request_uri_parameter_supported").asBoolean()).isFalse();
    assertThat(strings(m.path("prompt_values_supported"))).containsExactly("none", "login", "consent", "select_account");
    assertThat(m.path("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
    assertThat(strings(m.path("ui_locales_supported"))).containsExactly("en");
    assertThat(strings(m.path("introspection_endpoint_auth_methods_supported"))).doesNotContain("none");
    assertThat(strings(m.path("revocation_endpoint_auth_methods_supported"))).contains("none");
  }

  @Test
  void whenAuthorizationServerMetadataThenSameDocument() {
    assertThat(document("/.well-known/oauth-authorization-server"))
        .isEqualTo(document("/.well-known/openid-configuration"));
  }

  @Test
  void whenAdvertisedTokenSideEndpointsThenTheyAnswer() {
    JsonNode m = document("/.well-known/openid-configuration");
    for (String member : List.of("token_endpoint", "introspection_endpoint", "revocation_endpoint")) {
      String path = m.path(member).asText().substring(provider.issuer().length());
      // A POST without credentials: an OAuth error, never 404.
      assertThat(provider.post(path, null, "").statusCode()).as(member).isIn(400, 401);
    }
    assertThat(provider.node.get("/userinfo").statusCode()).isEqualTo(401);
    assertThat(provider.node.get("/.well-known/jwks.json").statusCode()).isEqualTo(200);
  }
}
