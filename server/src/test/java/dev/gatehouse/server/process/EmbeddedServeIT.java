package dev.gatehouse.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command start (README): {@code serve} with only a data directory and a port starts an
 * embedded PostgreSQL, prints the first-start block once, and after SIGTERM and a restart finds
 * the same data and signing keys. The embedded PostgreSQL stops with the server.
 */
class EmbeddedServeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ADMIN_PASSWORD = Pattern.compile("username: admin\\s+password: (\\S{24})");
  private static final Pattern SERVICE_SECRET =
      Pattern.compile("client_id: demo-service\\s+client_secret: (\\S{43})");
  /** initdb and a first migration on a loaded two-core machine. */
  private static final Duration FIRST_START = Duration.ofMinutes(2);
  private static final Duration STOP = Duration.ofMinutes(1);

  @TempDir Path dir;

  @Test
  void firstStartPrintsSecretsOnceAndARestartKeepsTheKeys() throws Exception {
    Path data = dir.resolve("data");
    try {
      firstStartThenRestart(data);
    } finally {
      stopLeftoverPostgres(data);
    }
  }

  private void firstStartThenRestart(Path data) throws Exception {
    List<String> kids;
    String firstOut;
    String firstErr;
    int port = GatehouseProcess.freePort();
    try (GatehouseProcess first =
        GatehouseProcess.start(dir.resolve("first"), "serve", env(data, port), "serve")) {
      first.awaitReady(port, FIRST_START);
      kids = kids(port);
      assertThat(kids).hasSize(2);
      // pg_ctl daemonizes the postmaster, so it is no descendant of serve; its pid file names it.
      Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
      assertThat(postmaster(data)).as("embedded PostgreSQL running").isPresent();
      int postgresPort = Integer.parseInt(Files.readAllLines(pidFile).get(3).strip());

      first.terminate();
      assertThat(first.awaitExit(STOP)).isEqualTo(143);
      // The shutdown hook stopped it (pg_ctl stop waits) before the JVM exited. (The postmaster
      // may linger a moment as a zombie until pid 1 reaps it, so its handle's isAlive() is no test.)
      assertThat(pidFile).as("embedded PostgreSQL stopped with serve").doesNotExist();
      GatehouseProcess.assertPortClosed(postgresPort, "embedded PostgreSQL after serve exited");
      firstOut = first.stdout();
      firstErr = first.stderr();
    }

    assertThat(count(firstOut, "First start:")).as(firstOut).isEqualTo(1);
    assertThat(count(firstOut, "Generated a key-encryption key")).isEqualTo(1);
    assertThat(firstOut).contains("demo-app").contains("Gatehouse is ready on http://127.0.0.1:" + port);
    String adminPassword = group(ADMIN_PASSWORD, firstOut);
    String serviceSecret = group(SERVICE_SECRET, firstOut);
    assertThat(firstErr).doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain(adminPassword).doesNotContain(serviceSecret);

    int secondPort = GatehouseProcess.freePort();
    try (GatehouseProcess second =
        GatehouseProcess.start(dir.resolve("second"), "serve", env(data, secondPort), "serve")) {
      second.awaitReady(secondPort, GatehouseProcess.READY_TIMEOUT);
      // Same keys, decrypted with the key-encryption key kept in the data directory.
      assertThat(kids(secondPort)).containsExactlyInAnyOrderElementsOf(kids);

      second.terminate();
      assertThat(second.awaitExit(STOP)).isEqualTo(143);
      assertThat(second.stdout())
          .contains("Gatehouse is ready on http://127.0.0.1:" + secondPort)
          .doesNotContain("First start")
          .doesNotContain("Generated")
          .doesNotContain(adminPassword)
          .doesNotContain(serviceSecret);
      assertThat(second.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }
    assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();

    exitWhenReadyTrainsAndUsesTheAotCache(data);
  }

  /**
   * {@code serve --exit-when-ready} (what bin/gatehouse trains the JDK's AOT cache with) starts,
   * answers, stops its PostgreSQL and exits 0; on JDK 25+ a start from the cache it wrote works
   * too ({@code -XX:AOTMode=on} fails the start if the cache cannot be used).
   */
  private void exitWhenReadyTrainsAndUsesTheAotCache(Path data) throws Exception {
    boolean aot = Runtime.version().feature() >= 25;
    Path cache = dir.resolve("gatehouse.aot");
    List<String> training = aot ? List.of("-XX:AOTCacheOutput=" + cache) : List.of();
    try (GatehouseProcess smoke = GatehouseProcess.start(dir.resolve("smoke"), "smoke",
        env(data, GatehouseProcess.freePort()), training, "serve", "--exit-when-ready")) {
      assertThat(smoke.awaitExit(FIRST_START)).as(smoke.stderr()).isZero();
      assertThat(smoke.stdout()).contains("Gatehouse started and answered /health/ready");
    }
    assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    if (!aot) {
      return;
    }
    assertThat(cache).isRegularFile();
    try (GatehouseProcess cached = GatehouseProcess.start(dir.resolve("cached"), "cached",
        env(data, GatehouseProcess.freePort()), List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on"),
        "serve", "--exit-when-ready")) {
      assertThat(cached.awaitExit(FIRST_START)).as(cached.stderr()).isZero();
      assertThat(cached.stdout()).contains("Gatehouse started and answered /health/ready");
    }
  }

  /**
   * The embedded PostgreSQL outlives a serve that was killed (SIGKILL skips the shutdown hook):
   * stop the one this test's data directory names, so a failed run leaks no server.
   */
  private static void stopLeftoverPostgres(Path data) throws Exception {
    Optional<ProcessHandle> postmaster = postmaster(data);
    if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
      return;
    }
    postmaster.get().destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients are gone
    try {
      postmaster.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      postmaster.get().destroyForcibly();
    }
  }

  /** The running postmaster of {@code data/postgres}, from line 1 of its postmaster.pid. */
  private static Optional<ProcessHandle> postmaster(Path data) throws IOException {
    Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
      return Optional.empty();
    }
    // Line 2 is its data directory: make sure the pid is still that server and not a reused one.
    if (lines.size() < 2 || !Files.isSameFile(Path.of(lines.get(1).strip()), pidFile.getParent())) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
  }

  private static Map<String, String> env(Path data, int port) {
    return Map.of("GATEHOUSE_DATA_DIR", data.toString(), "GATEHOUSE_HTTP_PORT", Integer.toString(port));
  }

  private static List<String> kids(int port) throws Exception {
    var response = GatehouseProcess.get(port, "/.well-known/jwks.json");
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> kids = new ArrayList<>();
    for (JsonNode key : JSON.readTree(response.body()).path("keys")) {
      kids.add(key.path("kid").asText());
    }
    return kids;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
    return m.group(1);
  }
}
