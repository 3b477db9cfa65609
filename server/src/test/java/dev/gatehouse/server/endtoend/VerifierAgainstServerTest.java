package dev.gatehouse.server.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.server.app.Main;
import dev.gatehouse.server.client.ClientMetadata;
import dev.gatehouse.server.client.ClientRegistrations;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.testing.TestNode;
import dev.gatehouse.verifier.JwtVerifier;
import dev.gatehouse.verifier.TokenClient;
import dev.gatehouse.verifier.TokenVerificationException;
import dev.gatehouse.verifier.VerifiedToken;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's integration tests against a real Gatehouse: a service obtains tokens with
 * {@link TokenClient} (client credentials) and verifies them with {@link JwtVerifier}; the
 * server rotates its signing key while the service keeps verifying, and no request fails.
 */
class VerifierAgainstServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static TestNode node;
  static String secret;

  @BeforeAll
  static void start() {
    // A short publish-ahead so the rotated key starts signing within the test.
    node = TestNode.start(Map.of("GATEHOUSE_KEY_PUBLISH_AHEAD", "1s"));
    ClientRegistrations.Registered registered = node.node().clients().register(new ClientMetadata(
        "orders-service", "Orders", ClientType.CONFIDENTIAL, Optional.empty(), List.of(),
        Set.of("client_credentials"), Set.of("inventory.read"), Optional.empty(), List.of(), false));
    secret = registered.secret().orElseThrow();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  String issuer() {
    return node.node().issuer().toString();
  }

  @Test
  void tokenClientGetsATokenThatTheVerifierAccepts() throws Exception {
    TokenClient client = TokenClient.builder()
        .tokenEndpoint(URI.create(issuer() + "/token"))
        .clientSecret("orders-service", secret)
        .scopes("inventory.read")
        .build();
    JwtVerifier verifier = JwtVerifier.builder().issuer(issuer()).audience(issuer())
        .requiredScopes("inventory.read").build(); // JWKS through OIDC discovery
    String token = client.accessToken();
    VerifiedToken verified = verifier.verify(token);
    assertThat(verified.clientId()).isEqualTo("orders-service");
    assertThat(verified.subject()).isEqualTo("orders-service");
    // Cached until shortly before expiry: the same token again.
    assertThat(client.accessToken()).isEqualTo(token);
  }

  @Test
  void whenTheServerRotatesItsKeyThenVerificationNeverFails() throws Exception {
    TokenClient client = TokenClient.builder()
        .tokenEndpoint(URI.create(issuer() + "/token"))
        .clientSecret("orders-service", secret)
        .build();
    JwtVerifier verifier = JwtVerifier.builder().issuer(issuer()).audience(issuer())
        .jwksUri(URI.create(issuer() + "/.well-known/jwks.json"))
        .jwksRefreshInterval(Duration.ofMillis(200))
        .build();
    Set<String> kids = new HashSet<>();
    List<String> failures = new ArrayList<>();
    long end = 0;
    for (int i = 0; i < 40 || System.nanoTime() < end; i++) {
      if (i == 10) {
        rotateEs256();
        end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      }
      client.invalidate(); // a fresh token each time, signed with whatever key is current
      String token = client.accessToken();
      kids.add(SignedJWT.parse(token).getHeader().getKeyID());
      try {
        verifier.verify(token);
      } catch (TokenVerificationException e) {
        failures.add(e.reason() + ": " + e.getMessage());
      }
      Thread.sleep(50);
    }
    assertThat(failures).isEmpty();
    assertThat(kids).as("tokens were signed by the old and then the new key").hasSize(2);
  }

  /** `gatehouse keys rotate --alg ES256` on the node's database, then the node reloads its ring. */
  private static void rotateEs256() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new String[] {"keys", "rotate", "--alg", "ES256"}, node.env,
        new BufferedReader(new StringReader("")), new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(exit).as(err.toString()).isZero();
    node.node().keyRing().refresh(); // another node would reload within its refresh interval
  }
}
