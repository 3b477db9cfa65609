package dev.gatehouse.server.app;

import dev.gatehouse.server.store.User;
import dev.gatehouse.server.tokens.SecretHasher;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse users create|list|disable|enable|set-password}. */
@Command(name = "users", description = "Create, list, disable and enable users; set passwords.",
    mixinStandardHelpOptions = true)
final class UsersCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static CommandLine build(CliContext context) {
    CommandLine cli = new CommandLine(new UsersCommand());
    cli.addSubcommand("create", new Create(context));
    cli.addSubcommand("list", new ListUsers(context));
    cli.addSubcommand("disable", new SetStatus(context, false));
    cli.addSubcommand("enable", new SetStatus(context, true));
    cli.addSubcommand("set-password", new SetPassword(context));
    return cli;
  }

  /** The password from standard input, or a generated one that the caller prints once. */
  static char[] password(CliContext context, boolean stdin) {
    return stdin ? context.readSecretLine("password") : SecretHasher.generateSecret().substring(0, 24).toCharArray();
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a user. The password is read from standard input with --password-stdin,"
          + " otherwise generated and printed once.")
  static final class Create implements Callable<Integer> {
    private final CliContext context;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--username", required = true) String username;
    @Option(names = "--email") String email;
    @Option(names = "--name", description = "display name") String name;
    @Option(names = "--password-stdin", description = "read the password from standard input") boolean passwordStdin;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      char[] password = password(context, passwordStdin);
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        User user = session.components().users.register(username, email, name, password);
        out.println("Created user " + user.username() + " (id " + user.id() + ")");
        if (!passwordStdin) {
          out.println("password: " + new String(password));
          out.println("The password is shown only now; Gatehouse keeps only an Argon2id hash of it.");
        }
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  static final class ListUsers implements Callable<Integer> {
    private final CliContext context;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "one JSON array, for scripts") boolean json;
    @Option(names = "--offset", defaultValue = "0") int offset;
    @Option(names = "--limit", defaultValue = "100") int limit;

    ListUsers(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (offset < 0 || limit < 1 || limit > 10_000) {
        throw new IllegalArgumentException("--offset must be >= 0 and --limit between 1 and 10000");
      }
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        List<User> users = session.components().users.list(offset, limit);
        if (json) {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (User u : users) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", u.id().toString());
            row.put("username", u.username());
            row.put("email", u.email());
            row.put("email_verified", u.emailVerified());
            row.put("name", u.displayName());
            row.put("status", u.status().name().toLowerCase(Locale.ROOT));
            row.put("created_at", u.createdAt().toString());
            rows.add(row);
          }
          out.println(CliJson.write(rows));
        } else {
          out.printf("%-36s %-24s %-32s %s%n", "ID", "USERNAME", "EMAIL", "STATUS");
          for (User u : users) {
            out.printf("%-36s %-24s %-32s %s%n", u.id(), u.username(),
                u.email() == null ? "-" : u.email(), u.status().name().toLowerCase(Locale.ROOT));
          }
        }
      }
      return 0;
    }
  }

  @Command(mixinStandardHelpOptions = true, description = "Disable or enable a user.")
  static final class SetStatus implements Callable<Integer> {
    private final CliContext context;
    private final boolean enable;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "username") String username;

    SetStatus(CliContext context, boolean enable) {
      this.context = context;
      this.enable = enable;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        if (enable) {
          session.components().users.enable(username);
        } else {
          session.components().users.disable(username);
        }
        out.println((enable ? "Enabled" : "Disabled") + " user " + username);
      }
      return 0;
    }
  }

  @Command(name = "set-password", mixinStandardHelpOptions = true,
      description = "Set a user's password (from standard input with --password-stdin, else generated and printed once).")
  static final class SetPassword implements Callable<Integer> {
    private final CliContext context;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "username") String username;
    @Option(names = "--password-stdin") boolean passwordStdin;

    SetPassword(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      char[] password = password(context, passwordStdin);
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        session.components().users.setPassword(username, password);
        out.println("Set the password of user " + username);
        if (!passwordStdin) {
          out.println("password: " + new String(password));
        }
      }
      return 0;
    }
  }
}
