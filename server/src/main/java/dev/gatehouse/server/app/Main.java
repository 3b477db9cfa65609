package dev.gatehouse.server.app;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the gatehouse-server jar: {@code java -jar gatehouse-server.jar <command>}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command; returns its exit status (0 ok, 1 failed, 2 bad usage or configuration). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = GatehouseCommand.commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }
}
