package dev.gatehouse.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.testing.TestNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import dev.gatehouse.server.store.postgres.JdbiUserRepository;
import dev.gatehouse.server.store.postgres.PostgresDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 "Bad input and faults": with its database stopped a node reports not-ready (503 +
 * Retry-After), endpoints that need the database answer 503 + Retry-After, and it comes back by itself when the database returns, without a restart. Uses its
 * own PostgreSQL (not the shared one) so it can stop and restart it.
 */
class DatabaseOutageTest {
  static Path dataDir;
  static int port;
  static EmbeddedPostgres postgres;
  static TestNode node;
  static PostgresDatabase probeDatabase;
  static HttpServer probeServer;

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("gatehouse-outage-pg");
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    postgres = startPostgres();
    node = TestNode.start(Map.of(
        "GATEHOUSE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres"));
    // An endpoint that reads through a real repository, as every later endpoint will.
    probeDatabase = PostgresDatabase.open(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "postgres", 2);
    JdbiUserRepository users = new JdbiUserRepository(probeDatabase.jdbi());
    probeServer = new HttpServer("127.0.0.1", 0, List.of(Route.get("/probe", (req, resp, cb) ->
        HttpResponses.json(resp, cb, 200, Map.of("found", users.findByUsername("nobody").isPresent())))),
        new SecurityHeaders(false), new SimpleMeterRegistry(), Duration.ofSeconds(1)).start();
  }

  @AfterAll
  static void stop() throws IOException {
    probeServer.close();
    probeDatabase.close();
    node.close();
    postgres.close();
  }

  static EmbeddedPostgres startPostgres() throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .start();
  }

  @Test
  void whenTheDatabaseStopsThenNotReadyAndWhenItReturnsThenReadyAgainWithoutRestart()
      throws IOException {
    assertThat(node.get("/health/ready").statusCode()).isEqualTo(200);

    postgres.close();
    HttpResponse<String> down = node.get("/health/ready");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).contains("5");
    assertThat(down.body()).contains("\"database\":\"DOWN\"");
    // Liveness is about the process, not its dependencies: restarting it would not help.
    assertThat(node.get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> probe = probe();
    assertThat(probe.statusCode()).isEqualTo(503);
    assertThat(probe.headers().firstValue("Retry-After")).contains("5");
    assertThat(probe.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(probe.body()).contains("\"error\":\"temporarily_unavailable\"").doesNotContain("Exception");

    postgres = startPostgres();
    HttpResponse<String> up = node.get("/health/ready");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).contains("\"database\":\"UP\"");
    // Pooled connections broken by the outage are evicted as they fail; within a few seconds
    // every request succeeds again, with no restart.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
    int status = probe().statusCode();
    while (status != 200 && System.nanoTime() < deadline) {
      status = probe().statusCode();
    }
    assertThat(status).isEqualTo(200);
  }

  private static HttpResponse<String> probe() {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + probeServer.port() + "/probe")).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
