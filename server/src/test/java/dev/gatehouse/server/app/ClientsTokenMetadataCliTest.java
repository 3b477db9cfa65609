package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.gatehouse.server.store.RegisteredClient;
import dev.gatehouse.server.store.postgres.JdbiRegisteredClientRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import dev.gatehouse.server.testing.TestNode;
import dev.gatehouse.server.testing.TestPostgres;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code clients create} with the token-side metadata of V11: ID token alg, keys, CORS origins. */
class ClientsTokenMetadataCliTest {
  static Map<String, String> env;
  static PostgresDatabase db;
  static JdbiRegisteredClientRepository clients;

  @BeforeAll
  static void setUp() {
    String database = TestPostgres.createDatabase();
    env = TestNode.environment(database, Map.of());
    db = TestPostgres.open(database, 2);
    clients = new JdbiRegisteredClientRepository(db.jdbi(), Clock.systemUTC());
  }

  @AfterAll
  static void tearDown() {
    db.close();
  }

  static CliTest.Result run(String... args) {
    return CliTest.run("", env, args);
  }

  @Test
  void privateKeyJwtClientWithInlineJwksHasNoSecretAndRoundTrips() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
    String jwks = new JWKSet(key.toPublicJWK()).toString();
    CliTest.Result r = run("clients", "create", "--id", "signer", "--grant-type", "client_credentials",
        "--auth-method", "private_key_jwt", "--jwks", jwks, "--id-token-alg", "ES256");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("client_secret");
    RegisteredClient stored = clients.findById("signer").orElseThrow();
    assertThat(stored.secretHash()).isNull();
    assertThat(stored.tokenEndpointAuthMethod()).isEqualTo("private_key_jwt");
    assertThat(JWKSet.parse(stored.jwks()).getKeyByKeyId("k")).isNotNull();
    assertThat(stored.idTokenSignedResponseAlg()).isEqualTo("ES256");
  }

  @Test
  void corsOriginsAndJwksUriRoundTripAndList() throws Exception {
    CliTest.Result r = run("clients", "create", "--id", "spa", "--type", "public",
        "--redirect-uri", "https://spa.example.com/cb", "--cors-origin", "https://spa.example.com",
        "--cors-origin", "http://localhost:3000");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(clients.findById("spa").orElseThrow().allowedCorsOrigins())
        .containsExactly("https://spa.example.com", "http://localhost:3000");
    assertThat(clients.allowedCorsOrigins()).contains("https://spa.example.com", "http://localhost:3000");

    assertThat(run("clients", "create", "--id", "remote-keys", "--grant-type", "client_credentials",
        "--auth-method", "private_key_jwt", "--jwks-uri", "https://keys.example.com/jwks.json").exit()).isZero();
    JsonNode listed = new ObjectMapper().readTree(run("clients", "list", "--json").out());
    for (JsonNode c : listed) {
      if (c.get("client_id").asText().equals("remote-keys")) {
        assertThat(c.get("jwks_uri").asText()).isEqualTo("https://keys.example.com/jwks.json");
        assertThat(c.get("id_token_signed_response_alg").asText()).isEqualTo("RS256");
      }
    }
  }

  @Test
  void invalidTokenMetadataIsRefusedWithOneLine() {
    String[][] cases = {
        {"--id-token-alg", "HS256", "HS256"},
        {"--cors-origin", "https://spa.example.com/path", "CORS origin"},
        {"--cors-origin", "http://spa.example.com", "CORS origin"},
        {"--jwks-uri", "http://keys.example.com/jwks", "jwks_uri"},
        {"--jwks", "{not json", "jwks"}};
    int i = 0;
    for (String[] bad : cases) {
      CliTest.Result r = run("clients", "create", "--id", "bad-" + i++, "--grant-type", "client_credentials",
          bad[0], bad[1]);
      assertThat(r.exit()).as(bad[1]).isEqualTo(2);
      assertThat(r.err()).as(bad[1]).contains(bad[2]).doesNotContain("\tat ");
    }
    CliTest.Result unconfigured = run("clients", "create", "--id", "eddsa", "--grant-type", "client_credentials",
        "--id-token-alg", "EdDSA");
    assertThat(unconfigured.exit()).isEqualTo(2);
    assertThat(unconfigured.err()).contains("GATEHOUSE_SIGNING_ALGORITHMS");
    CliTest.Result noKeys = run("clients", "create", "--id", "no-keys", "--grant-type", "client_credentials",
        "--auth-method", "private_key_jwt");
    assertThat(noKeys.exit()).isEqualTo(2);
    assertThat(noKeys.err()).contains("jwks");
  }
}
