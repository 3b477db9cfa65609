package dev.gatehouse.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.server.testing.TestNode;
import dev.gatehouse.server.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as production runs it: external PostgreSQL (a fresh database of the shared test
 * server), JSON logs, stopped by SIGTERM from the outside.
 */
class ServeProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The JVM answers SIGTERM by running the shutdown hooks, then exits with 128 + 15. */
  private static final int EXIT_AFTER_SIGTERM = 143;

  @TempDir Path dir;

  @Test
  void readyWithJsonLogsThenSigtermStopsItWithinTheGracePeriodAndClosesThePort() throws Exception {
    Map<String, String> env = new HashMap<>(
        TestNode.environment(TestPostgres.createDatabase(), Map.of("GATEHOUSE_LOG_FORMAT", "json")));
    // External mode never touches a data directory: point it at one that must stay absent.
    Files.delete(Path.of(env.get("GATEHOUSE_DATA_DIR")));
    Path dataDir = dir.resolve("data");
    env.put("GATEHOUSE_DATA_DIR", dataDir.toString());
    int port = Integer.parseInt(env.get("GATEHOUSE_HTTP_PORT"));
    Duration grace = Duration.ofSeconds(5);
    assertThat(env).containsEntry("GATEHOUSE_SHUTDOWN_GRACE_PERIOD", "5s");

    try (GatehouseProcess serve = GatehouseProcess.start(dir, "serve", env, "serve")) {
      serve.awaitReady(port, GatehouseProcess.READY_TIMEOUT);
      assertThat(GatehouseProcess.get(port, "/.well-known/jwks.json").statusCode()).isEqualTo(200);

      serve.terminate();
      // The grace period bounds in-flight requests; the rest is JVM and pool teardown on a busy machine.
      int exit = serve.awaitExit(grace.plusSeconds(25));
      assertThat(exit).as("exit status after SIGTERM; stderr: %s", serve.stderr())
          .isEqualTo(EXIT_AFTER_SIGTERM);

      String issuer = "http://127.0.0.1:" + port;
      assertThat(serve.stdout())
          .contains("Gatehouse is ready on " + issuer)
          .doesNotContain("First start");
      List<JsonNode> logs = jsonLines(serve.stderrLines());
      assertThat(logs).isNotEmpty().allSatisfy(ServeProcessIT::isLogbackJsonEvent);
      assertThat(logs).extracting(log -> log.get("formattedMessage").asText())
          .anySatisfy(message -> assertThat(message).startsWith("Gatehouse listening on " + issuer));
      for (String output : List.of(serve.stdout(), serve.stderr())) {
        assertThat(output)
            .doesNotContain("Exception")
            .doesNotContain(env.get("GATEHOUSE_KEY_ENCRYPTION_KEY"))
            .doesNotContain(env.get("GATEHOUSE_SECRET_HASH_KEY"));
      }
    }

    GatehouseProcess.assertPortClosed(port, "HTTP port after serve exited");
    assertThat(dataDir).doesNotExist();
  }

  /** Every non-blank stderr line parses as one JSON object (GATEHOUSE_LOG_FORMAT=json). */
  private static List<JsonNode> jsonLines(List<String> lines) {
    return lines.stream().map(line -> {
      try {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
        return node;
      } catch (IOException e) {
        throw new AssertionError("stderr line is not JSON: " + line, e);
      }
    }).toList();
  }

  /** The fields logback's JsonEncoder writes with the settings in logback.xml. */
  private static void isLogbackJsonEvent(JsonNode event) {
    assertThat(event.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    assertThat(event.path("timestamp").isIntegralNumber()).as("timestamp in %s", event).isTrue();
    assertThat(event.path("loggerName").isTextual()).as("loggerName in %s", event).isTrue();
    assertThat(event.path("threadName").isTextual()).as("threadName in %s", event).isTrue();
    assertThat(event.path("formattedMessage").isTextual()).as("formattedMessage in %s", event).isTrue();
    // withMessage/withArguments false: the raw template and its arguments stay out of the logs.
    assertThat(event.has("message")).as("message in %s", event).isFalse();
    assertThat(event.has("arguments")).as("arguments in %s", event).isFalse();
  }
}
