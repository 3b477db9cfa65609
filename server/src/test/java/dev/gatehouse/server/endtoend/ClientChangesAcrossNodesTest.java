package dev.gatehouse.server.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.client.ClientMetadata;
import dev.gatehouse.server.client.ClientRegistrations;
import dev.gatehouse.server.store.ClientType;
import dev.gatehouse.server.testing.TestNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one deployment keep registered clients in memory (the token endpoint's hot
 * path). A secret rotated or a client deleted through one node stops working on the other one
 * within moments, not after the cache's time to live (RFC 6749 §2.3.1: the authorization server
 * authenticates the client with its current credentials; RFC 9700 §2.5: a compromised secret
 * must be revocable).
 */
class ClientChangesAcrossNodesTest {
  private static final Duration PROPAGATION = Duration.ofSeconds(2);
  static TestNode a;
  static TestNode b;

  @BeforeAll
  static void start() {
    a = TestNode.start();
    b = TestNode.startBeside(a);
  }

  @AfterAll
  static void stop() {
    b.close();
    a.close();
  }

  private static String register(String id) {
    ClientRegistrations.Registered registered = b.node().clients().register(new ClientMetadata(
        id, "Service " + id, ClientType.CONFIDENTIAL, Optional.empty(), List.of(),
        Set.of("client_credentials"), Set.of("orders.read"), Optional.empty(), List.of(), false));
    return registered.secret().orElseThrow();
  }

  private static int token(TestNode node, String clientId, String secret) {
    String basic = Base64.getEncoder().encodeToString(
        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = node.send(HttpRequest.newBuilder(node.uri("/token"))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=orders.read"))
        .build());
    return response.statusCode();
  }

  /** {@code cache_gets_total{cache="gatehouse_clients",result="hit"}} from the node's /metrics. */
  private static double cacheHits(TestNode node) {
    Matcher m = Pattern.compile("(?m)^cache_gets_total\\{[^}]*cache=\"gatehouse_clients\"[^}]*result=\"hit\"[^}]*} (\\S+)$")
        .matcher(node.get("/metrics").body());
    assertThat(m.find()).as("client cache metrics on /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** The status {@code request} gives once it gives {@code expected}, or the last one after the deadline. */
  private static int eventually(int expected, IntSupplier request) throws InterruptedException {
    long deadline = System.nanoTime() + PROPAGATION.toNanos();
    int status = request.getAsInt();
    while (status != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
      status = request.getAsInt();
    }
    return status;
  }

  @Test
  void aSecretRotatedOnOneNodeIsRefusedByTheOtherWithinMoments() throws InterruptedException {
    String secret = register("svc-rotate");
    assertThat(eventually(200, () -> token(a, "svc-rotate", secret))).isEqualTo(200);
    // Node a serves grants from memory (once its change feed listens, a moment after start).
    double hits = cacheHits(a);
    long deadline = System.nanoTime() + PROPAGATION.toNanos();
    while (cacheHits(a) <= hits && System.nanoTime() < deadline) {
      assertThat(token(a, "svc-rotate", secret)).isEqualTo(200);
    }
    assertThat(cacheHits(a)).as("grants served from node a's memory").isGreaterThan(hits);

    String rotated = b.node().clients().rotateSecret("svc-rotate", Optional.empty());

    assertThat(eventually(401, () -> token(a, "svc-rotate", secret))).isEqualTo(401);
    assertThat(token(a, "svc-rotate", rotated)).isEqualTo(200);
  }

  @Test
  void aClientDeletedOnOneNodeIsUnknownToTheOtherWithinMoments() throws InterruptedException {
    String secret = register("svc-delete");
    assertThat(eventually(200, () -> token(a, "svc-delete", secret))).isEqualTo(200);

    assertThat(b.node().clients().delete("svc-delete")).isTrue();

    assertThat(eventually(401, () -> token(a, "svc-delete", secret))).isEqualTo(401);
  }

  @Test
  void aClientCreatedOnOneNodeIsKnownToTheOtherEvenAfterItWasAskedForWhileUnknown()
      throws InterruptedException {
    assertThat(token(a, "svc-late", "not-yet")).isEqualTo(401); // remembered as unknown
    String secret = register("svc-late");
    assertThat(eventually(200, () -> token(a, "svc-late", secret))).isEqualTo(200);
  }
}
