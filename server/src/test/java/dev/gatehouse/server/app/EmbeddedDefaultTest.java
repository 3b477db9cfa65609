package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 §3: with no database configured, {@code serve} starts an embedded PostgreSQL whose
 * data lives in the data directory and survives restarts; the first start creates an admin and
 * demo clients and says so once; CLI commands work beside the running server.
 */
class EmbeddedDefaultTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void firstStartBootstrapsOnceAndDataAndKeysSurviveARestart() throws Exception {
    Path data = Files.createTempDirectory("gatehouse-embedded");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = Map.of(
        "GATEHOUSE_DATA_DIR", data.toString(), "GATEHOUSE_HTTP_PORT", Integer.toString(port));
    GatehouseConfig config = GatehouseConfig.fromEnvironment(env);
    assertThat(config.database()).isEmpty();

    StringWriter firstOut = new StringWriter();
    List<String> kidsBefore;
    try (GatehouseNode node = GatehouseNode.start(config, new PrintWriter(firstOut, true))) {
      assertThat(node.issuer()).isEqualTo(URI.create("http://127.0.0.1:" + port));
      assertThat(firstOut.toString())
          .contains("Generated a key-encryption key")
          .contains("First start")
          .containsPattern("username: admin\\s+password: \\S{24}")
          .containsPattern("client_id: demo-service\\s+client_secret: \\S{43}");
      assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
      kidsBefore = kids(port);
      assertThat(kidsBefore).hasSize(2);

      // The CLI attaches to the PostgreSQL the running server started on this data directory.
      StringWriter cliOut = new StringWriter();
      StringWriter cliErr = new StringWriter();
      int exit = Main.run(new String[] {"users", "list"}, env, new BufferedReader(new StringReader("")),
          new PrintWriter(cliOut, true), new PrintWriter(cliErr, true));
      assertThat(exit).as(cliErr.toString()).isZero();
      assertThat(cliOut.toString()).contains("admin");
    }

    assertThat(Files.getPosixFilePermissions(data.resolve("secrets.properties")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    StringWriter secondOut = new StringWriter();
    try (GatehouseNode node = GatehouseNode.start(config, new PrintWriter(secondOut, true))) {
      assertThat(secondOut.toString()).doesNotContain("First start").doesNotContain("Generated");
      // Same keys, decrypted with the key-encryption key kept in the data directory.
      assertThat(kids(node.issuer().getPort())).containsExactlyInAnyOrderElementsOf(kidsBefore);
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<String> kids(int port) throws Exception {
    JsonNode jwks = JSON.readTree(get(port, "/.well-known/jwks.json").body());
    List<String> kids = new ArrayList<>();
    jwks.get("keys").forEach(k -> kids.add(k.get("kid").asText()));
    return kids;
  }
}
