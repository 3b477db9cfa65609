package dev.gatehouse.server.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code gatehouse serve}: runs a node until SIGTERM/SIGINT, then stops it gracefully. */
@Command(name = "serve", description = "Run the server (embedded PostgreSQL unless GATEHOUSE_DATABASE_URL is set).")
final class ServeCommand implements Runnable {
  @Override
  public void run() {
    GatehouseConfig config = GatehouseConfig.fromEnvironment();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    GatehouseNode node = GatehouseNode.start(config, out);
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
}
