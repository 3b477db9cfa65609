package dev.gatehouse.server.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse serve}: runs a node until SIGTERM/SIGINT, then stops it gracefully. */
@Command(name = "serve", description = "Run the server (embedded PostgreSQL unless GATEHOUSE_DATABASE_URL is set).")
final class ServeCommand implements Runnable {
  /** What {@code --exit-when-ready} asks the node for: the public, read-only endpoints. */
  private static final List<String> SMOKE_PATHS = List.of(
      "/health/ready", "/.well-known/openid-configuration", "/.well-known/jwks.json");

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Option(names = "--exit-when-ready",
      description = "Start, request the discovery, JWKS and readiness endpoints once, and stop"
          + " (a smoke test; bin/gatehouse uses it to train the JDK's ahead-of-time cache).")
  boolean exitWhenReady;

  ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    GatehouseConfig config = GatehouseConfig.fromEnvironment(env);
    PrintWriter out = spec.commandLine().getOut();
    GatehouseNode node = GatehouseNode.start(config, out);
    if (exitWhenReady) {
      try {
        smokeTest(node, out);
      } finally {
        node.close();
      }
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "shutdown"));
    out.println("Gatehouse is ready on " + config.issuer() + " (Ctrl+C stops it).");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void smokeTest(GatehouseNode node, PrintWriter out) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String path : SMOKE_PATHS) {
      URI uri = URI.create("http://127.0.0.1:" + node.port() + path);
      try {
        int status = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
          throw new IllegalStateException("GET " + path + " answered " + status);
        }
      } catch (IOException e) {
        throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    out.println("Gatehouse started and answered " + String.join(", ", SMOKE_PATHS) + "; stopping.");
  }
}
