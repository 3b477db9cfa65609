package dev.gatehouse.server.app;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;

/** {@code gatehouse migrate}: applies pending schema migrations and exits. */
@Command(name = "migrate", description = "Apply pending database migrations and exit.")
final class MigrateCommand implements Runnable {
  private final Map<String, String> env;

  @Spec CommandSpec spec;

  MigrateCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public void run() {
    GatehouseConfig config = GatehouseConfig.fromEnvironment(env);
    PrintWriter out = spec.commandLine().getOut();
    try (Storage storage = Storage.open(config, null, out)) {
      MigrateResult result = storage.database.migrate();
      out.println("Schema at version " + (result.targetSchemaVersion == null
          ? result.initialSchemaVersion : result.targetSchemaVersion)
          + " (" + result.migrationsExecuted + " migrations applied).");
    }
  }
}
