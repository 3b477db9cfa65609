package dev.gatehouse.server.testing;

import dev.gatehouse.server.store.postgres.PostgresDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM (DESIGN.md §5). The schema is migrated once into a template
 * database; each test class gets a fresh database copied from it, which takes milliseconds.
 *
 * <pre>{@code
 * static final PostgresDatabase db = TestPostgres.freshDatabase();
 * }</pre>
 */
public final class TestPostgres {
  private static final String TEMPLATE = "gatehouse_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** The shared server, started (and the template migrated) on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("gatehouse-test-pg");
        server = EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(true)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "300")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
        execute("CREATE DATABASE " + TEMPLATE);
        try (PostgresDatabase template = open(TEMPLATE, 2)) {
          template.migrate();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** A new, migrated, empty database with its own pool (10 connections). */
  public static PostgresDatabase freshDatabase() {
    return open(createDatabase(), 10);
  }

  /** Creates a new migrated database and returns its name (for tests that build their own pool or server). */
  public static String createDatabase() {
    server();
    String name = "gatehouse_test_" + COUNTER.incrementAndGet();
    execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    return name;
  }

  /** JDBC URL of a database on the shared server. */
  public static String jdbcUrl(String database) {
    return server().getJdbcUrl("postgres", database);
  }

  public static PostgresDatabase open(String database, int poolSize) {
    return PostgresDatabase.open(jdbcUrl(database), "postgres", "postgres", poolSize);
  }

  private static void execute(String sql) {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static synchronized void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      // JVM exit: nothing left to do.
    }
  }
}
