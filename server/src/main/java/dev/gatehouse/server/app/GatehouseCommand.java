package dev.gatehouse.server.app;

import dev.gatehouse.server.store.DuplicateKeyException;
import dev.gatehouse.server.store.StoreUnavailableException;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.NoSuchElementException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command and its exception policy: one clear line, never a stack trace. */
@Command(
    name = "gatehouse",
    mixinStandardHelpOptions = true,
    versionProvider = GatehouseCommand.Version.class,
    description = "Gatehouse identity and access server.",
    subcommands = CommandLine.HelpCommand.class)
final class GatehouseCommand implements Runnable {
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command tree; every command reads its configuration from {@code env}. */
  static CommandLine commandLine(Map<String, String> env, BufferedReader stdin) {
    CliContext context = new CliContext(env, stdin);
    CommandLine cli = new CommandLine(new GatehouseCommand());
    cli.addSubcommand("serve", new ServeCommand(env));
    cli.addSubcommand("migrate", new MigrateCommand(env));
    cli.addSubcommand("clients", ClientsCommand.build(context));
    cli.addSubcommand("users", UsersCommand.build(context));
    cli.addSubcommand("keys", KeysCommand.build(context));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof ConfigException c) {
        err.println("gatehouse: configuration error: " + c.getMessage());
        return EXIT_USAGE;
      }
      if (e instanceof IllegalArgumentException) {
        err.println("gatehouse: " + describe(e));
        return EXIT_USAGE;
      }
      if (e instanceof NoSuchElementException) {
        err.println("gatehouse: " + e.getMessage());
        return EXIT_FAILED;
      }
      if (e instanceof DuplicateKeyException d) {
        err.println("gatehouse: " + d.key() + " already exists");
        return EXIT_FAILED;
      }
      if (e instanceof StoreUnavailableException) {
        err.println("gatehouse: the database is unreachable (" + describe(e) + ")");
        return EXIT_FAILED;
      }
      if (e instanceof CommandFailure f) {
        err.println("gatehouse: " + f.getMessage());
        return f.exitCode();
      }
      err.println("gatehouse: " + describe(e));
      return EXIT_FAILED;
    });
    return cli;
  }

  /** One line for an unexpected failure: its message and the innermost cause's, first lines only. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    String rootMessage = root.getMessage() == null ? null : firstLine(root.getMessage());
    if (root != e && rootMessage != null && !message.contains(rootMessage)) {
      message += " (" + rootMessage + ")";
    }
    return message;
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline).strip();
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = GatehouseCommand.class.getPackage().getImplementationVersion();
      return new String[] {"gatehouse " + (v == null ? "development build" : v)};
    }
  }
}
