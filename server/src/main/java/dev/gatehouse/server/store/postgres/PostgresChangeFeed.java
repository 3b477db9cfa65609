package dev.gatehouse.server.store.postgres;

import dev.gatehouse.server.store.ChangeSubscriber;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL {@code LISTEN} on one channel, on its own connection outside the pool, handing
 * each {@code NOTIFY} payload to a {@link ChangeSubscriber}. NOTIFY is delivered only when the
 * notifying transaction commits, so the subscriber never hears of a rolled-back change. When the
 * connection breaks (database restart, network), the subscriber is told it is deaf and the feed
 * reconnects with a capped backoff; a quiet connection is probed so a silently dead one is found.
 */
public final class PostgresChangeFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresChangeFeed.class);
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final int POLL_MILLIS = 500;
  private static final long PROBE_AFTER_NANOS = Duration.ofSeconds(10).toNanos();
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final long WARN_AFTER_NANOS = Duration.ofSeconds(10).toNanos();

  private final PostgresDatabase database;
  private final String channel;
  private final ChangeSubscriber subscriber;
  private final Thread thread;
  private volatile boolean closed;

  public PostgresChangeFeed(PostgresDatabase database, String channel, ChangeSubscriber subscriber) {
    if (!CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("not a plain channel name: " + channel);
    }
    this.database = database;
    this.channel = channel;
    this.subscriber = subscriber;
    this.thread = Thread.ofPlatform().daemon().name("gatehouse-listen-" + channel).unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    long failingSince = 0;
    boolean warned = false;
    while (!closed) {
      try (Connection connection = database.openUnpooledConnection("gatehouse-listen")) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + channel);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        if (failingSince != 0) {
          log.info("listening on {} again", channel);
          failingSince = 0;
          warned = false;
        }
        backoff = Duration.ofMillis(100);
        subscriber.listening();
        listen(connection, pg);
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          break;
        }
        subscriber.deaf();
        // A blip (or the embedded database stopping with the JVM) is logged at INFO; an outage
        // that lasts is a WARN, once.
        if (failingSince == 0) {
          failingSince = System.nanoTime();
          log.info("lost the database connection listening on {}; reading from the database until it is"
              + " back: {}", channel, e.toString());
        } else if (!warned && System.nanoTime() - failingSince > WARN_AFTER_NANOS) {
          log.warn("still cannot listen on {} (cached copies bypassed): {}", channel, e.toString());
          warned = true;
        }
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
    subscriber.deaf();
  }

  private void listen(Connection connection, PGConnection pg) throws SQLException {
    long lastHeard = System.nanoTime();
    while (!closed) {
      PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
      if (notifications != null && notifications.length > 0) {
        for (PGNotification n : notifications) {
          subscriber.changed(n.getParameter());
        }
        lastHeard = System.nanoTime();
      } else if (System.nanoTime() - lastHeard > PROBE_AFTER_NANOS) {
        try (Statement probe = connection.createStatement()) {
          probe.execute("SELECT 1");
        }
        lastHeard = System.nanoTime();
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
