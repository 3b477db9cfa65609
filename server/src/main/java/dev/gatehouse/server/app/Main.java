package dev.gatehouse.server.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the gatehouse-server jar: {@code java -jar gatehouse-server.jar <command>}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(),
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs one command; returns its exit status (0 ok, 1 failed, 2 bad usage or configuration). */
  public static int run(String[] args, Map<String, String> env, BufferedReader stdin,
      PrintWriter out, PrintWriter err) {
    CommandLine cli = GatehouseCommand.commandLine(env, stdin);
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }
}
