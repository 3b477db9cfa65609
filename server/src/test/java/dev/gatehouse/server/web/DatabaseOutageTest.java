package dev.gatehouse.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.testing.TestNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 "Bad input and faults": with its database stopped a node reports not-ready (503 +
 * Retry-After) and comes back by itself when the database returns, without a restart. Uses its
 * own PostgreSQL (not the shared one) so it can stop and restart it.
 */
class DatabaseOutageTest {
  static Path dataDir;
  static int port;
  static EmbeddedPostgres postgres;
  static TestNode node;

  @BeforeAll
  static void start() throws IOException {
    dataDir = Files.createTempDirectory("gatehouse-outage-pg");
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    postgres = startPostgres();
    node = TestNode.start(Map.of(
        "GATEHOUSE_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres"));
  }

  @AfterAll
  static void stop() throws IOException {
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

    postgres = startPostgres();
    HttpResponse<String> up = node.get("/health/ready");
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).contains("\"database\":\"UP\"");
  }
}
