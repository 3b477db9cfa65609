package dev.gatehouse.server.testing;

import dev.gatehouse.server.app.GatehouseConfig;
import dev.gatehouse.server.app.GatehouseNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Gatehouse node on a random loopback port, on a fresh database of the shared test
 * PostgreSQL, with a real HTTP client. One per test class.
 */
public final class TestNode implements AutoCloseable {
  private final GatehouseNode node;
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  public final StringWriter output = new StringWriter();
  public final Map<String, String> env;

  private TestNode(Map<String, String> env) {
    this.env = env;
    this.node = GatehouseNode.start(GatehouseConfig.fromEnvironment(env), new PrintWriter(output, true));
  }

  /** Starts a node; {@code overrides} replace or add environment variables. */
  public static TestNode start(Map<String, String> overrides) {
    return new TestNode(environment(TestPostgres.createDatabase(), overrides));
  }

  /**
   * A second node of the same deployment: same database, keys and secrets as {@code other}, its
   * own port and data directory (two stateless nodes behind one load balancer).
   */
  public static TestNode startBeside(TestNode other) {
    Map<String, String> env = new HashMap<>(other.env);
    env.put("GATEHOUSE_HTTP_PORT", Integer.toString(freePort()));
    env.remove("GATEHOUSE_ISSUER");
    env.put("GATEHOUSE_ISSUER", other.node.issuer().toString());
    try {
      env.put("GATEHOUSE_DATA_DIR", Files.createTempDirectory("gatehouse-node").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestNode(env);
  }

  public static TestNode start() {
    return start(Map.of());
  }

  /** The environment a test node runs with: external mode on a shared-server database. */
  public static Map<String, String> environment(String database, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    // A concrete free port (not 0) so the default issuer, http://127.0.0.1:<port>, is the real one.
    env.put("GATEHOUSE_HTTP_PORT", Integer.toString(freePort()));
    env.put("GATEHOUSE_DATABASE_URL", TestPostgres.jdbcUrl(database));
    env.put("GATEHOUSE_DATABASE_USER", "postgres");
    env.put("GATEHOUSE_DATABASE_PASSWORD", "postgres");
    env.put("GATEHOUSE_DATABASE_POOL_SIZE", "4");
    env.put("GATEHOUSE_KEY_ENCRYPTION_KEY", randomKey());
    env.put("GATEHOUSE_SECRET_HASH_KEY", randomKey());
    env.put("GATEHOUSE_SHUTDOWN_GRACE_PERIOD", "5s");
    try {
      env.put("GATEHOUSE_DATA_DIR", Files.createTempDirectory("gatehouse-node").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    env.putAll(overrides);
    return env;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }

  public int port() {
    return node.port();
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient client() {
    return client;
  }

  public GatehouseNode node() {
    return node;
  }

  @Override
  public void close() {
    node.close();
    deleteRecursively(Path.of(env.get("GATEHOUSE_DATA_DIR")));
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temp directory left behind is harmless.
    }
  }
}
