package dev.gatehouse.server.app;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code gatehouse serve}: runs a node until SIGTERM/SIGINT, then stops it gracefully. */
@Command(name = "serve", description = "Run the server (embedded PostgreSQL unless GATEHOUSE_DATABASE_URL is set).")
final class ServeCommand implements Runnable {
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    GatehouseConfig config = GatehouseConfig.fromEnvironment(env);
    PrintWriter out = spec.commandLine().getOut();
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
