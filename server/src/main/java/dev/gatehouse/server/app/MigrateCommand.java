package dev.gatehouse.server.app;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;

/** {@code gatehouse migrate}: applies pending schema migrations and exits. */
@Command(name = "migrate", description = "Apply pending database migrations and exit.")
final class MigrateCommand implements Runnable {
  @Override
  public void run() {
    GatehouseConfig config = GatehouseConfig.fromEnvironment();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (Storage storage = Storage.open(config, null, out)) {
      MigrateResult result = storage.database.migrate();
      out.println("Schema at version " + (result.targetSchemaVersion == null
          ? result.initialSchemaVersion : result.targetSchemaVersion)
          + " (" + result.migrationsExecuted + " migrations applied).");
    }
  }
}
