package dev.gatehouse.server.conformance.oidc;

import static dev.gatehouse.server.conformance.OAuthAssertions.assertTokens;
import static dev.gatehouse.server.conformance.OAuthAssertions.jwt;
import static dev.gatehouse.server.conformance.Provider.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.conformance.Provider;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.store.User;
import dev.gatehouse.server.tokens.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OIDC Core §2 ID token claims, §3.1.3.6 at_hash, §3.1.3.7 validation, §5.5 claims request. */
class IdTokenTest {
  static final String CB = "https://app.example/cb";
  static Provider provider;
  static User dave;
  static final Map<String, String> secrets = new java.util.HashMap<>();

  @BeforeAll
  static void start() {
    provider = Provider.start(Map.of("GATEHOUSE_SIGNING_ALGORITHMS", "ES256,RS256,EdDSA"));
    for (String alg : List.of("RS256", "ES256", "EdDSA")) {
      String secret = SecretHasher.generateSecret();
      provider.save(Provider.client("rp-" + alg, ClientType.CONFIDENTIAL, provider.hasher.hash(secret),
          "client_secret_basic", Set.of("authorization_code"), Set.of("openid", "profile", "email"), alg, null,
          List.of()));
      secrets.put(alg, secret);
    }
    dave = provider.user("dave");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  JsonNode exchange(String alg, Provider.CodeBuilder builder) {
    String code = builder.issue();
    return assertTokens(provider.token(basic("rp-" + alg, secrets.get(alg)), "grant_type", "authorization_code",
        "code", code, "redirect_uri", CB));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
  void whenClientRegisteredAnAlgorithmThenIdTokenIsSignedWithItAndAtHashMatches(String alg) throws Exception {
    Provider.CodeBuilder builder = provider.code("rp-" + alg, dave.id()).noPkce().scopes("openid", "profile");
    JsonNode body = exchange(alg, builder);
    SignedJWT idToken = jwt(body.path("id_token").asText());
    assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.parse(alg));
    JWK key = JWKSet.parse(provider.node.get("/.well-known/jwks.json").body()).getKeyByKeyId(idToken.getHeader().getKeyID());
    boolean valid = switch (alg) {
      case "RS256" -> idToken.verify(new RSASSAVerifier(key.toRSAKey()));
      case "ES256" -> idToken.verify(new ECDSAVerifier(key.toECKey()));
      default -> idToken.verify(new Ed25519Verifier(key.toOctetKeyPair()));
    };
    assertThat(valid).isTrue();
    // OIDC Core §3.1.3.6: left half of the hash of the access token's ASCII octets, base64url.
    String hashAlg = alg.equals("EdDSA") ? "SHA-512" : "SHA-256";
    byte[] hash = MessageDigest.getInstance(hashAlg).digest(body.path("access_token").asText().getBytes(StandardCharsets.US_ASCII));
    String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
    assertThat(idToken.getJWTClaimsSet().getStringClaim("at_hash")).isEqualTo(expected);
  }

  @Test
  void whenCodeExchangedThenIdTokenHasEveryRequiredClaim() throws Exception {
    Provider.CodeBuilder builder = provider.code("rp-RS256", dave.id()).noPkce().nonce("nonce-123");
    JWTClaimsSet c = jwt(exchange("RS256", builder).path("id_token").asText()).getJWTClaimsSet();
    // OIDC Core §2: iss, sub, aud, exp, iat REQUIRED; auth_time, nonce, acr, amr, azp as requested.
    assertThat(c.getIssuer()).isEqualTo(provider.issuer());
    assertThat(c.getSubject()).isEqualTo(dave.id().toString());
    assertThat(c.getAudience()).containsExactly("rp-RS256");
    assertThat(c.getExpirationTime()).isAfter(c.getIssueTime());
    assertThat(c.getStringClaim("nonce")).isEqualTo("nonce-123");
    assertThat(c.getLongClaim("auth_time")).isEqualTo(builder.authTime().getEpochSecond());
    assertThat(c.getStringClaim("acr")).isEqualTo(Provider.ACR);
    assertThat(c.getStringListClaim("amr")).containsExactly("pwd");
    assertThat(c.getStringClaim("sid")).isEqualTo("sid-" + builder.grantId);
    assertThat(c.getStringClaim("azp")).isEqualTo("rp-RS256");
    // §5.4: with an access token issued, profile claims come from UserInfo, not the ID token.
    assertThat(c.getClaim("preferred_username")).isNull();
  }

  @Test
  void whenNoNonceInAuthorizationRequestThenNoNonceClaim() throws Exception {
    JWTClaimsSet c = jwt(exchange("RS256", provider.code("rp-RS256", dave.id()).noPkce().nonce(null))
        .path("id_token").asText()).getJWTClaimsSet();
    assertThat(c.getClaim("nonce")).isNull();
  }

  @Test
  void whenClaimsRequestAsksIdTokenClaimsThenTheyAreInTheIdToken() throws Exception {
    Provider.CodeBuilder builder = provider.code("rp-RS256", dave.id()).noPkce()
        .claims("{\"id_token\":{\"email\":{\"essential\":true},\"preferred_username\":null}}");
    JWTClaimsSet c = jwt(exchange("RS256", builder).path("id_token").asText()).getJWTClaimsSet();
    assertThat(c.getStringClaim("email")).isEqualTo("dave@example.com");
    assertThat(c.getStringClaim("preferred_username")).isEqualTo("dave");
  }

  @Test
  void whenScopeHasNoOpenidThenNoIdToken() {
    JsonNode body = exchange("RS256", provider.code("rp-RS256", dave.id()).noPkce().scopes("profile"));
    assertThat(body.has("id_token")).isFalse();
  }
}
