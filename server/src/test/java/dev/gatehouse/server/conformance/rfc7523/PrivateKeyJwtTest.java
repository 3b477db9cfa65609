package dev.gatehouse.server.conformance.rfc7523;

import static dev.gatehouse.server.conformance.OAuthAssertions.assertError;
import static dev.gatehouse.server.conformance.OAuthAssertions.assertTokens;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.conformance.Provider;
import dev.gatehouse.server.store.ClientType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 7523 §2.2 client authentication with a JWT, §3 its processing rules; OIDC Core §9. */
class PrivateKeyJwtTest {
  static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  static Provider provider;
  static RSAKey key;
  static RSAKey otherKey;

  @BeforeAll
  static void start() throws Exception {
    provider = Provider.start();
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    provider.save(Provider.client("pkjwt", ClientType.CONFIDENTIAL, null, "private_key_jwt",
        Set.of("client_credentials"), Set.of("api"), "RS256", new JWKSet(key.toPublicJWK()).toString(), List.of()));
    provider.confidential("secret-client", "client_secret_basic", Set.of("client_credentials"), Set.of("api"));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  String assertion(RSAKey signingKey, Consumer<JWTClaimsSet.Builder> change) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("pkjwt").subject("pkjwt")
        .audience(provider.issuer() + "/token").expirationTime(Date.from(now.plusSeconds(60)))
        .issueTime(Date.from(now)).jwtID(UUID.randomUUID().toString());
    change.accept(claims);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
        claims.build());
    jwt.sign(new RSASSASigner(signingKey));
    return jwt.serialize();
  }

  HttpResponse<String> token(String assertion) {
    return provider.token(null, "grant_type", "client_credentials", "client_assertion_type", TYPE,
        "client_assertion", assertion);
  }

  @Test
  void whenValidAssertionThenTokens() throws Exception {
    assertTokens(token(assertion(key, c -> { })));
  }

  @Test
  void whenAudienceIsTheIssuerThenTokens() throws Exception {
    assertTokens(token(assertion(key, c -> c.audience(provider.issuer()))));
  }

  @Test
  void whenJtiReplayedThenInvalidClient() throws Exception {
    String assertion = assertion(key, c -> { });
    assertTokens(token(assertion));
    assertError(token(assertion), 401, "invalid_client");
  }

  @Test
  void whenSignedWithAnotherKeyThenInvalidClient() throws Exception {
    assertError(token(assertion(otherKey, c -> { })), 401, "invalid_client");
  }

  @Test
  void whenExpiredThenInvalidClient() throws Exception {
    assertError(token(assertion(key, c -> c.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))))),
        401, "invalid_client");
  }

  @Test
  void whenExpiresTooFarAheadThenInvalidClient() throws Exception {
    assertError(token(assertion(key, c -> c.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2)))))),
        401, "invalid_client");
  }

  @Test
  void whenWrongAudienceThenInvalidClient() throws Exception {
    assertError(token(assertion(key, c -> c.audience("https://elsewhere.example/token"))), 401, "invalid_client");
  }

  @Test
  void whenSubjectDiffersFromIssuerThenInvalidClient() throws Exception {
    assertError(token(assertion(key, c -> c.subject("someone-else"))), 401, "invalid_client");
  }

  @Test
  void whenJtiMissingThenInvalidClient() throws Exception {
    assertError(token(assertion(key, c -> c.jwtID(null))), 401, "invalid_client");
  }

  @Test
  void whenWrongAssertionTypeThenInvalidRequest() throws Exception {
    assertError(provider.token(null, "grant_type", "client_credentials", "client_assertion_type", "urn:other",
        "client_assertion", assertion(key, c -> { })), 400, "invalid_request");
  }

  @Test
  void whenNotAJwtThenInvalidClient() {
    assertError(token("not-a-jwt"), 401, "invalid_client");
  }

  @Test
  void whenSecretClientSendsAssertionThenInvalidClient() throws Exception {
    assertError(token(assertion(key, c -> c.issuer("secret-client").subject("secret-client"))), 401,
        "invalid_client");
  }

  @Test
  void whenPrivateKeyJwtClientSendsSecretThenInvalidClient() {
    assertError(provider.token(Provider.basic("pkjwt", "guess"), "grant_type", "client_credentials"), 401,
        "invalid_client");
  }

  @Test
  void whenAssertionAndBasicTogetherThenInvalidRequest() throws Exception {
    assertError(provider.token(Provider.basic("pkjwt", "x"), "grant_type", "client_credentials",
        "client_assertion_type", TYPE, "client_assertion", assertion(key, c -> { })), 400, "invalid_request");
  }
}
