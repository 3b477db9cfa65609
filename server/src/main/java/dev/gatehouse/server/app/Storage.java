package dev.gatehouse.server.app;

import dev.gatehouse.server.store.postgres.PostgresDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;

/**
 * The database a node (or a CLI command) works on: the external PostgreSQL named by the
 * configuration, or the embedded default under the data directory, plus the two secrets that
 * protect what is stored in it.
 */
final class Storage implements AutoCloseable {
  final PostgresDatabase database;
  final String keyEncryptionKey;
  final String secretHashKey;
  private final EmbeddedDatabase embedded;

  private Storage(PostgresDatabase database, EmbeddedDatabase embedded, String kek, String hashKey) {
    this.database = database;
    this.embedded = embedded;
    this.keyEncryptionKey = kek;
    this.secretHashKey = hashKey;
  }

  /** Opens (and on the embedded default, starts) the database; {@code notices} hears what was created. */
  static Storage open(GatehouseConfig config, MeterRegistry metrics, PrintWriter notices) {
    Storage storage = begin(config, metrics, notices);
    try {
      storage.awaitDatabase();
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    return storage;
  }

  /**
   * As {@link #open}, but returns while the embedded PostgreSQL is still starting; the caller
   * builds what needs no database and then calls {@link #awaitDatabase()}.
   */
  static Storage begin(GatehouseConfig config, MeterRegistry metrics, PrintWriter notices) {
    if (config.database().isPresent()) {
      GatehouseConfig.Database db = config.database().get();
      PostgresDatabase database =
          PostgresDatabase.open(db.url(), db.user(), db.password(), db.poolSize(), metrics);
      return new Storage(database, null,
          config.keyEncryptionKey().orElseThrow(), config.secretHashKey().orElseThrow());
    }
    DataDirectorySecrets.Secrets secrets = DataDirectorySecrets.loadOrGenerate(
        config.dataDirectory(), config.keyEncryptionKey(), config.secretHashKey());
    if (secrets.generated()) {
      notices.println("Generated a key-encryption key and a secret-hash key into "
          + config.dataDirectory().resolve("secrets.properties")
          + " (embedded default only; production sets GATEHOUSE_KEY_ENCRYPTION_KEY and"
          + " GATEHOUSE_SECRET_HASH_KEY).");
    }
    EmbeddedDatabase embedded = EmbeddedDatabase.attachOrStart(config.dataDirectory());
    // No idle connections kept: the server may still be starting (see PostgresDatabase.open).
    PostgresDatabase database = PostgresDatabase.open(
        embedded.jdbcUrl(), embedded.user(), embedded.password(), 10, 0, metrics);
    return new Storage(database, embedded, secrets.keyEncryptionKey(), secrets.secretHashKey());
  }

  /**
   * Waits for the embedded PostgreSQL to accept connections (at once on an external database);
   * call it before the first query. Until then the pool only knows the address.
   */
  void awaitDatabase() {
    if (embedded != null) {
      embedded.awaitStarted();
    }
  }

  @Override
  public void close() {
    database.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
