package dev.gatehouse.server.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;

/**
 * What every CLI command shares: the environment it reads its configuration from and the
 * standard input secrets may be piped through. {@link #open} connects to the same database the
 * server uses (attaching to a running embedded server's PostgreSQL) and migrates it.
 */
final class CliContext {
  private final Map<String, String> env;
  private final BufferedReader stdin;

  CliContext(Map<String, String> env, BufferedReader stdin) {
    this.env = env;
    this.stdin = stdin;
  }

  Map<String, String> env() {
    return env;
  }

  Session open(PrintWriter out) {
    GatehouseConfig config = GatehouseConfig.fromEnvironment(env);
    Storage storage = Storage.open(config, null, out);
    try {
      storage.database.migrate();
      return new Session(config, storage, new Components(config, storage, Clock.systemUTC()));
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  /** One line of standard input (for {@code --secret-stdin} and {@code --password-stdin}). */
  char[] readSecretLine(String what) {
    try {
      String line = stdin.readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("expected the " + what + " on standard input");
      }
      return line.toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + what + " from standard input", e);
    }
  }

  record Session(GatehouseConfig config, Storage storage, Components components) implements AutoCloseable {
    @Override
    public void close() {
      storage.close();
    }
  }
}
