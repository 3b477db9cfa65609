package dev.gatehouse.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import dev.gatehouse.server.testing.TestNode;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 7517 §5: the JWK Set document, public parts only, cacheable (issue 2 §5). */
class JwksEndpointTest {
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(java.util.Map.of("GATEHOUSE_SIGNING_ALGORITHMS", "ES256,RS256,EdDSA"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void publishesOneKeyPerConfiguredAlgorithmWithKidAlgAndUse() throws Exception {
    HttpResponse<String> response = node.get("/.well-known/jwks.json");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/jwk-set+json");
    assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=300");
    JWKSet set = JWKSet.parse(response.body());
    assertThat(set.getKeys()).extracting(k -> k.getAlgorithm().getName())
        .containsExactlyInAnyOrder("ES256", "RS256", "EdDSA");
    assertThat(set.getKeys()).allSatisfy(k -> {
      assertThat(k.getKeyID()).isNotBlank();
      assertThat(k.getKeyUse().identifier()).isEqualTo("sig");
      assertThat(k.isPrivate()).isFalse();
    });
  }

  @Test
  void neverContainsPrivateKeyMembers() throws Exception {
    JsonNode keys = new ObjectMapper().readTree(node.get("/.well-known/jwks.json").body()).get("keys");
    // RFC 7518 §6.2.2 (EC "d"), §6.3.2 (RSA "d","p","q","dp","dq","qi"), RFC 8037 §2 (OKP "d").
    Set<String> privateMembers = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    keys.forEach(k -> k.fieldNames().forEachRemaining(
        name -> assertThat(privateMembers).as("member %s", name).doesNotContain(name)));
  }
}
