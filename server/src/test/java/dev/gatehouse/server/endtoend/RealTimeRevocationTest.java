package dev.gatehouse.server.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.TestKafka;
import dev.gatehouse.server.testing.UserAgent;
import dev.gatehouse.verifier.JwtVerifier;
import dev.gatehouse.verifier.Revocations;
import dev.gatehouse.verifier.TokenVerificationException;
import dev.gatehouse.verifier.kafka.RevocationListener;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 §6 end to end: the server relays its outbox to a real Kafka broker, a service's
 * verifier-kafka listener feeds its verifier's revocation hook, and a still-valid JWT is rejected
 * everywhere within a second of its session being ended at Gatehouse.
 */
class RealTimeRevocationTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String REDIRECT = "http://127.0.0.1:53124/callback";
  static String topic;
  static OAuthFixture fixture;
  static Revocations revocations;
  static RevocationListener listener;

  @BeforeAll
  static void start() throws Exception {
    topic = TestKafka.freshTopic(1);
    fixture = new OAuthFixture(Map.of(
        "GATEHOUSE_KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
        "GATEHOUSE_KAFKA_TOPIC", topic));
    fixture.publicClient("rt-app", List.of("http://127.0.0.1/callback"), true);
    fixture.user("rita");
    revocations = Revocations.create();
    listener = RevocationListener.builder().bootstrapServers(TestKafka.bootstrapServers())
        .topic(topic).revocations(revocations).assignAllPartitions(Duration.ofMinutes(5)).start();
    assertThat(listener.awaitReady(Duration.ofSeconds(30))).isTrue();
  }

  @AfterAll
  static void stop() {
    listener.close();
    fixture.close();
  }

  @Test
  void whenTheSessionEndsThenEveryVerifierRejectsItsTokenWithinASecond() throws Exception {
    String[] pkce = OAuthFixture.pkce();
    Map<String, String> request = OAuthFixture.request("rt-app", REDIRECT);
    request.put("code_challenge", pkce[1]);
    UserAgent browser = new UserAgent(fixture.node);
    HttpResponse<String> redirect = browser.login(browser.authorize(request), "rita", OAuthFixture.PASSWORD);
    String code = UserAgent.redirectParameters(redirect).get("code");
    HttpResponse<String> tokens = fixture.node.send(HttpRequest.newBuilder(fixture.node.uri("/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(UserAgent.form(Map.of("grant_type", "authorization_code",
            "code", code, "redirect_uri", REDIRECT, "client_id", "rt-app", "code_verifier", pkce[0]))))
        .build());
    JsonNode body = JSON.readTree(tokens.body());
    String accessToken = body.get("access_token").asText();

    JwtVerifier verifier = JwtVerifier.builder().issuer(fixture.issuer()).audience(fixture.issuer())
        .jwksUri(URI.create(fixture.issuer() + "/.well-known/jwks.json")).revocations(revocations).build();
    verifier.verify(accessToken); // valid, and now in the verifier's cache

    HttpResponse<String> logout = browser.get("/logout?id_token_hint=" + body.get("id_token").asText());
    assertThat(logout.statusCode()).isLessThan(400);
    long ended = System.nanoTime();

    TokenVerificationException.Reason reason = null;
    while (reason == null && System.nanoTime() - ended < Duration.ofSeconds(5).toNanos()) {
      try {
        verifier.verify(accessToken);
        Thread.sleep(10);
      } catch (TokenVerificationException e) {
        reason = e.reason();
      }
    }
    long elapsedMs = Duration.ofNanos(System.nanoTime() - ended).toMillis();
    System.out.println("REVOCATION-LATENCY session end to rejection: " + elapsedMs + " ms");
    assertThat(reason).isEqualTo(TokenVerificationException.Reason.REVOKED);
    assertThat(elapsedMs).as("session end to rejection, ms").isLessThan(1_000);
  }
}
