package dev.gatehouse.server.conformance.rfc6749;

import static dev.gatehouse.server.conformance.OAuthAssertions.assertError;
import static dev.gatehouse.server.conformance.OAuthAssertions.assertTokens;
import static dev.gatehouse.server.conformance.OAuthAssertions.jwt;
import static dev.gatehouse.server.conformance.Provider.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.conformance.Provider;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 6749 §4.4 client credentials, §2.3.1 client authentication, §5 responses; RFC 9068 tokens. */
class Section4_4_ClientCredentialsTest {
  static Provider provider;
  static String basicSecret;
  static String postSecret;
  static String codeOnlySecret;

  @BeforeAll
  static void start() {
    provider = Provider.start();
    basicSecret = provider.confidential("svc", "client_secret_basic", Set.of("client_credentials"), Set.of("a.read", "a.write"));
    postSecret = provider.confidential("svc-post", "client_secret_post", Set.of("client_credentials"), Set.of("a.read"));
    codeOnlySecret = provider.confidential("svc-code-only", "client_secret_basic", Set.of("authorization_code"), Set.of("a.read"));
    provider.publicClient("spa", Set.of("authorization_code", "refresh_token", "client_credentials"), Set.of("openid"));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Test
  void whenBasicCredentialsThenRfc9068AccessTokenWithoutRefreshToken() throws Exception {
    HttpResponse<String> response = provider.token(basic("svc", basicSecret), "grant_type", "client_credentials",
        "scope", "a.read");
    JsonNode body = assertTokens(response);
    assertThat(body.path("scope").asText()).isEqualTo("a.read");
    // RFC 6749 §4.4.3: "A refresh token SHOULD NOT be included."
    assertThat(body.has("refresh_token")).isFalse();
    assertThat(body.has("id_token")).isFalse();

    SignedJWT token = jwt(body.path("access_token").asText());
    // RFC 9068 §2.1: typ at+jwt; ES256 by default, with a kid from the JWKS.
    assertThat(token.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
    assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    JWKSet jwks = JWKSet.parse(provider.node.get("/.well-known/jwks.json").body());
    ECKey key = jwks.getKeyByKeyId(token.getHeader().getKeyID()).toECKey();
    assertThat(token.verify(new ECDSAVerifier(key))).isTrue();
    JWTClaimsSet claims = token.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(provider.issuer());
    // RFC 9068 §2.2: sub is the client's own id when no resource owner is involved.
    assertThat(claims.getSubject()).isEqualTo("svc");
    assertThat(claims.getStringClaim("client_id")).isEqualTo("svc");
    assertThat(claims.getAudience()).containsExactly(provider.issuer());
    assertThat(claims.getStringClaim("scope")).isEqualTo("a.read");
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(600_000L);
    assertThat(claims.getClaim("gid")).isNull();
  }

  @Test
  void whenNoScopeRequestedThenEveryRegisteredScope() {
    JsonNode body = assertTokens(provider.token(basic("svc", basicSecret), "grant_type", "client_credentials"));
    assertThat(body.path("scope").asText()).isEqualTo("a.read a.write");
  }

  @Test
  void whenClientSecretPostThenTokens() {
    assertTokens(provider.token(null, "grant_type", "client_credentials", "client_id", "svc-post",
        "client_secret", postSecret));
  }

  @Test
  void whenResourceRequestedThenItIsTheAudience() throws Exception {
    JsonNode body = assertTokens(provider.token(basic("svc", basicSecret), "grant_type", "client_credentials",
        "resource", "https://api.example.com/"));
    assertThat(jwt(body.path("access_token").asText()).getJWTClaimsSet().getAudience())
        .containsExactly("https://api.example.com/");
  }

  @Test
  void whenResourceIsNotAnAbsoluteUriThenInvalidTarget() {
    assertError(provider.token(basic("svc", basicSecret), "grant_type", "client_credentials",
        "resource", "api#frag"), 400, "invalid_target");
  }

  @Test
  void whenScopeExceedsRegistrationThenInvalidScope() {
    assertError(provider.token(basic("svc", basicSecret), "grant_type", "client_credentials",
        "scope", "a.read admin"), 400, "invalid_scope");
  }

  @Test
  void whenWrongSecretWithBasicThen401WithBasicChallenge() {
    HttpResponse<String> response = provider.token(basic("svc", "wrong"), "grant_type", "client_credentials");
    assertError(response, 401, "invalid_client");
    // RFC 6749 §5.2: WWW-Authenticate matching the scheme the client used.
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Basic realm="));
    assertThat(response.headers().firstValue("Pragma")).contains("no-cache");
  }

  @Test
  void whenUnknownClientThenInvalidClient() {
    assertError(provider.token(basic("nobody", "x"), "grant_type", "client_credentials"), 401, "invalid_client");
  }

  @Test
  void whenWrongSecretInBodyThenInvalidClientWithoutBasicChallenge() {
    HttpResponse<String> response = provider.token(null, "grant_type", "client_credentials", "client_id", "svc-post",
        "client_secret", "wrong");
    assertError(response, 401, "invalid_client");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void whenClientUsesAnotherMethodThanRegisteredThenInvalidClient() {
    assertError(provider.token(null, "grant_type", "client_credentials", "client_id", "svc",
        "client_secret", basicSecret), 401, "invalid_client");
  }

  @Test
  void whenTwoAuthenticationMethodsThenInvalidRequest() {
    // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
    assertError(provider.token(basic("svc", basicSecret), "grant_type", "client_credentials",
        "client_id", "svc", "client_secret", basicSecret), 400, "invalid_request");
  }

  @Test
  void whenPublicClientThenUnauthorizedClient() {
    assertError(provider.token(null, "grant_type", "client_credentials", "client_id", "spa"), 400,
        "unauthorized_client");
  }

  @Test
  void whenClientNotRegisteredForGrantThenUnauthorizedClient() {
    assertError(provider.token(basic("svc-code-only", codeOnlySecret), "grant_type", "client_credentials"), 400,
        "unauthorized_client");
  }

  @Test
  void whenUnknownGrantTypeThenUnsupportedGrantType() {
    assertError(provider.token(basic("svc", basicSecret), "grant_type", "password", "username", "a"), 400,
        "unsupported_grant_type");
  }

  @Test
  void whenGrantTypeMissingThenInvalidRequest() {
    assertError(provider.token(basic("svc", basicSecret), "scope", "a.read"), 400, "invalid_request");
  }

  @Test
  void whenParameterRepeatedThenInvalidRequest() {
    assertError(provider.post("/token", basic("svc", basicSecret),
        "grant_type=client_credentials&scope=a.read&scope=a.write"), 400, "invalid_request");
  }

  @Test
  void whenNotFormEncodedThenInvalidRequest() {
    HttpResponse<String> response = provider.node.send(HttpRequest.newBuilder(provider.uri("/token"))
        .header("Authorization", basic("svc", basicSecret)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")).build());
    assertError(response, 400, "invalid_request");
  }

  @Test
  void whenGetThen405() {
    assertThat(provider.node.get("/token").statusCode()).isEqualTo(405);
  }

  @Test
  void whenMalformedBasicHeaderThenInvalidClient() {
    assertError(provider.token("Basic !!!notbase64", "grant_type", "client_credentials"), 401, "invalid_client");
  }
}
