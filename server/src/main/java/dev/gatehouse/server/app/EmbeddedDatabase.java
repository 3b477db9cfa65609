package dev.gatehouse.server.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded default: a real PostgreSQL server (binaries from Maven Central) whose data lives
 * in a directory that survives restarts. Used when no {@code GATEHOUSE_DATABASE_URL} is set.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final int port;

  private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
    this.postgres = postgres;
    this.port = port;
  }

  /**
   * Attaches to the embedded PostgreSQL a running {@code serve} already started on this data
   * directory (so CLI commands work beside a running server), or starts it.
   */
  public static EmbeddedDatabase attachOrStart(Path dataDirectory) {
    Path pid = dataDirectory.resolve("postgres").resolve("postmaster.pid");
    if (Files.isRegularFile(pid)) {
      try {
        // PostgreSQL's postmaster.pid: line 1 is the server's pid, line 4 its port.
        List<String> lines = Files.readAllLines(pid);
        if (lines.size() >= 4
            && ProcessHandle.of(Long.parseLong(lines.get(0).strip())).map(ProcessHandle::isAlive).orElse(false)) {
          return new EmbeddedDatabase(null, Integer.parseInt(lines.get(3).strip()));
        }
      } catch (IOException | NumberFormatException e) {
        // A stale or partial pid file: starting the server below cleans it up or reports why.
      }
    }
    return start(dataDirectory);
  }

  /** Starts PostgreSQL on a free loopback port with its data under {@code dataDirectory/postgres}. */
  public static EmbeddedDatabase start(Path dataDirectory) {
    Path pgData = dataDirectory.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "100")
              .start();
      return new EmbeddedDatabase(postgres, postgres.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgData, e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  public String password() {
    return "postgres";
  }

  public int port() {
    return port;
  }

  /** Whether this process started the server (and so stops it on close). */
  public boolean owned() {
    return postgres != null;
  }

  @Override
  public void close() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
