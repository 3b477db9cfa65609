package dev.gatehouse.server.app;

import dev.gatehouse.server.tokens.ScheduledSigningKey;
import dev.gatehouse.server.tokens.SigningAlgorithm;
import dev.gatehouse.server.tokens.SigningKey;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse keys list|rotate}. */
@Command(name = "keys", description = "List and rotate the signing keys.", mixinStandardHelpOptions = true)
final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static CommandLine build(CliContext context) {
    CommandLine cli = new CommandLine(new KeysCommand());
    cli.addSubcommand("list", new ListKeys(context));
    cli.addSubcommand("rotate", new Rotate(context));
    return cli;
  }

  static String state(SigningKey key, Instant now) {
    if (key.activatesAt().isAfter(now)) {
      return "published";
    }
    return key.signsAt(now) ? "active" : "retired";
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List signing keys: published (in the JWKS, not signing yet), active, retired (in the JWKS until expiry).")
  static final class ListKeys implements Callable<Integer> {
    private final CliContext context;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--json", description = "one JSON array, for scripts") boolean json;

    ListKeys(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        session.components().keyRotation.ensureKeys();
        session.components().keyRing.refresh();
        Instant now = session.components().clock.instant();
        List<SigningKey> keys = session.components().keyRing.keys();
        if (json) {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (SigningKey k : keys) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kid", k.kid());
            row.put("alg", k.algorithm().joseName());
            row.put("state", state(k, now));
            row.put("created_at", k.createdAt().toString());
            row.put("activates_at", k.activatesAt().toString());
            row.put("retires_at", k.retiresAt().map(Instant::toString).orElse(null));
            row.put("expires_at", k.expiresAt().map(Instant::toString).orElse(null));
            rows.add(row);
          }
          out.println(CliJson.write(rows));
        } else {
          out.printf("%-28s %-6s %-10s %-22s %-22s %s%n", "KID", "ALG", "STATE", "ACTIVATES_AT", "RETIRES_AT", "EXPIRES_AT");
          for (SigningKey k : keys) {
            out.printf("%-28s %-6s %-10s %-22s %-22s %s%n", k.kid(), k.algorithm().joseName(), state(k, now),
                k.activatesAt(), k.retiresAt().map(Instant::toString).orElse("-"),
                k.expiresAt().map(Instant::toString).orElse("-"));
          }
        }
      }
      return 0;
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Create a successor key now. It is published at once and starts signing after"
          + " GATEHOUSE_KEY_PUBLISH_AHEAD, so verifiers see it before any token carries it.")
  static final class Rotate implements Callable<Integer> {
    private final CliContext context;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--alg", description = "ES256, RS256 or EdDSA (default: every configured algorithm)")
    List<String> algorithms = new ArrayList<>();

    Rotate(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (CliContext.Session session = context.open(out)) {
        List<String> names = algorithms.isEmpty() ? session.config().signingAlgorithms() : algorithms;
        List<SigningAlgorithm> selected = new ArrayList<>();
        for (String name : names) {
          try {
            selected.add(SigningAlgorithm.fromJoseName(name));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--alg must be ES256, RS256 or EdDSA, got '" + name + "'", e);
          }
        }
        session.components().keyRotation.ensureKeys();
        for (SigningAlgorithm alg : selected) {
          ScheduledSigningKey key = session.components().keyRotation.rotateNow(alg);
          out.println("New " + key.algorithm().joseName() + " key " + key.kid()
              + " published; it signs from " + key.activatesAt());
        }
      }
      return 0;
    }
  }
}
