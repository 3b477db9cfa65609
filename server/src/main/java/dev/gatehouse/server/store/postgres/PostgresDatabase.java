package dev.gatehouse.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import dev.gatehouse.server.store.StoreUnavailableException;

/**
 * The one PostgreSQL database Gatehouse keeps all its state in: a HikariCP pool, the Flyway
 * migrations shipped under {@code db/migration}, and a JDBI handle for the repositories.
 */
public final class PostgresDatabase implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private PostgresDatabase(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
  }

  /** Opens a pool; nothing is connected until first use, so an unreachable database is not fatal here. */
  public static PostgresDatabase open(String jdbcUrl, String user, String password, int poolSize) {
    return open(jdbcUrl, user, password, poolSize, null);
  }

  /** As {@link #open(String, String, String, int)}, publishing pool metrics to {@code metrics}. */
  public static PostgresDatabase open(
      String jdbcUrl, String user, String password, int poolSize, MeterRegistry metrics) {
    return open(jdbcUrl, user, password, poolSize, Math.min(2, poolSize), metrics);
  }

  /**
   * As {@link #open(String, String, String, int, MeterRegistry)} with {@code minimumIdle}
   * connections kept open. Zero for a database that is still starting: a pool that tries to
   * fill itself before the server listens backs off, and the first queries then time out on a
   * stale "connection refused".
   */
  public static PostgresDatabase open(String jdbcUrl, String user, String password, int poolSize,
      int minimumIdle, MeterRegistry metrics) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("gatehouse");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(minimumIdle);
    // Fail fast when the database is gone: requests get a 503 instead of queueing for 30 s.
    config.setConnectionTimeout(2_000);
    config.setValidationTimeout(1_000);
    // Start even when the database is down; readiness reports it and the pool reconnects later.
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("connectTimeout", "2");
    config.addDataSourceProperty("socketTimeout", "30");
    if (metrics != null) {
      config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
    }
    return new PostgresDatabase(new HikariDataSource(config));
  }

  /** Applies pending migrations; safe to call from several nodes at once (Flyway locks). */
  public MigrateResult migrate() {
    try {
      return Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (RuntimeException e) {
      if (GuardedJdbi.isConnectionFailure(e)) {
        throw new StoreUnavailableException("cannot reach the database to migrate it", e);
      }
      throw e;
    }
  }

  /**
   * A connection of its own, outside the pool, for a long-lived session such as a
   * {@code LISTEN}; the caller closes it. Same database and credentials as the pool.
   */
  public java.sql.Connection openUnpooledConnection(String applicationName) throws java.sql.SQLException {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("user", dataSource.getUsername());
    if (dataSource.getPassword() != null) {
      props.setProperty("password", dataSource.getPassword());
    }
    props.setProperty("ApplicationName", applicationName);
    props.setProperty("connectTimeout", "2");
    props.setProperty("socketTimeout", "30");
    props.setProperty("tcpKeepAlive", "true");
    java.sql.Connection c = new org.postgresql.Driver().connect(dataSource.getJdbcUrl(), props);
    if (c == null) {
      throw new java.sql.SQLException("not a PostgreSQL JDBC URL");
    }
    c.setAutoCommit(true);
    return c;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** The HikariCP pool (tests tune its timeouts). */
  public HikariDataSource pool() {
    return dataSource;
  }

  /**
   * Whether a connection can be had and answers within a second (readiness). A pooled
   * connection broken by a database restart is evicted and the check tried once more, so
   * readiness turns true on the first probe after the database is back.
   */
  public boolean isReachable() {
    for (int attempt = 0; attempt < 2; attempt++) {
      try (java.sql.Connection c = dataSource.getConnection()) {
        if (c.isValid(1)) {
          return true;
        }
        dataSource.evictConnection(c);
      } catch (java.sql.SQLException | RuntimeException e) {
        return false;
      }
    }
    return false;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
