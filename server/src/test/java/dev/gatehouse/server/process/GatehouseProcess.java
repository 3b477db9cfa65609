package dev.gatehouse.server.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code java -jar gatehouse-server.jar <args>} child process, as an operator would run it:
 * the shaded jar failsafe receives in {@code gatehouse.jar}, the test JVM's own {@code java}, an
 * environment holding only PATH, HOME and the given GATEHOUSE_* variables, stdout and stderr in
 * files under a test directory. Every wait is bounded; {@link #close()} stops the process (and
 * what it started, such as the embedded PostgreSQL) through its own handle, never by name.
 */
final class GatehouseProcess implements AutoCloseable {
  /** Start-up of a JVM plus migrations on a loaded two-core machine. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1)
      .build();

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private GatehouseProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts the jar with {@code args}, working directory {@code dir/cwd} and its output in
   * {@code dir/<name>.stdout} and {@code dir/<name>.stderr}.
   */
  static GatehouseProcess start(Path dir, String name, Map<String, String> gatehouseEnv, String... args)
      throws IOException {
    return start(dir, name, gatehouseEnv, List.of(), args);
  }

  /** As {@link #start(Path, String, Map, String...)}, with extra JVM options before {@code -jar}. */
  static GatehouseProcess start(Path dir, String name, Map<String, String> gatehouseEnv,
      List<String> jvmOptions, String... args) throws IOException {
    Path jar = Path.of(System.getProperty("gatehouse.jar", "target/gatehouse-server.jar"));
    assertThat(jar)
        .as("the shaded jar; run these tests with failsafe (./mvnw verify), after package")
        .isRegularFile();
    Path cwd = Files.createDirectories(dir.resolve("cwd"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));

    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
    env.put("HOME", System.getProperty("user.home"));
    env.putAll(gatehouseEnv);
    Path out = dir.resolve(name + ".stdout");
    Path err = dir.resolve(name + ".stderr");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    return new GatehouseProcess(pb.start(), out, err);
  }

  /** A port that was free a moment ago on the loopback interface. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to end by itself and returns its exit status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("gatehouse did not exit within " + timeout + describe());
    }
    return process.exitValue();
  }

  /** Polls {@code GET /health/ready} until it answers 200; fails early if the process dies. */
  void awaitReady(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("gatehouse exited with " + process.exitValue()
            + " before it was ready" + describe());
      }
      try {
        HttpResponse<String> response = get(port, "/health/ready");
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError("/health/ready not 200 within " + timeout + " (last: " + last + ")"
        + describe());
  }

  static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Asserts that nothing accepts connections on 127.0.0.1:{@code port} any more. */
  static void assertPortClosed(int port, String what) throws UnknownHostException {
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(address, 2_000);
      }
    }).as("%s (port %d)", what, port).isInstanceOf(ConnectException.class);
  }

  /** Sends SIGTERM (what {@link Process#destroy()} does on Linux), as an orchestrator would. */
  void terminate() {
    process.destroy();
  }

  String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  /** Non-blank stderr lines. */
  List<String> stderrLines() throws IOException {
    return stderr().lines().filter(line -> !line.isBlank()).toList();
  }

  private String describe() {
    try {
      return "\n--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
    } catch (IOException e) {
      return " (output unreadable: " + e + ")";
    }
  }

  /**
   * Stops the process if it still runs: SIGTERM first so it can stop its embedded PostgreSQL,
   * then SIGKILL for it and every process it started.
   */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> started = new ArrayList<>(process.descendants().toList());
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      started.addAll(process.descendants().toList());
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    // Handles, not pids: a handle whose process ended never matches a reused pid.
    started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
