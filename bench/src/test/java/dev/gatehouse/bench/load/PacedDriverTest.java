package dev.gatehouse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paced driver against the JDK's own HTTP server on 127.0.0.1: it holds the rate below
 * capacity, counts queueing in the latency above it (open loop), ends a request at its timeout,
 * and in refresh mode never sends a spent token. Bounds are loose: the machine is shared.
 */
class PacedDriverTest {
  static {
    // without it the JDK server's responses can wait 40 ms for a delayed ACK (Nagle)
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
  private static final Pattern REFRESH = Pattern.compile("refresh_token=([^&]+)");

  private HttpServer server;
  private ExecutorService executor;

  @AfterEach
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  private InetSocketAddress start(HttpHandler handler, ExecutorService exec) throws IOException {
    executor = exec;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", handler);
    server.setExecutor(exec);
    server.start();
    return server.getAddress();
  }

  private static RequestSource get(InetSocketAddress a) throws IOException {
    return RequestSource.fromEnv(Map.of("BENCH_MODE", "get", "BENCH_PATH", "/x"), "127.0.0.1:" + a.getPort(), "");
  }

  private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(body);
    }
  }

  @Test
  void holdsTheRateWellBelowCapacity() throws Exception {
    InetSocketAddress a = start(ex -> respond(ex, 200, OK), Executors.newFixedThreadPool(4));
    PacedDriver.Result r = PacedDriver.run(new PacedDriver.Plan(a, 200, 1.5, 4, 0.5, 5), get(a));
    assertThat(r.requests()).isEqualTo(300);
    assertThat(r.recorded()).isEqualTo(300);
    assertThat(r.errors()).isZero();
    assertThat(r.achievedRps()).isBetween(180.0, 220.0);
    assertThat(r.p50()).isLessThan(20.0);
    assertThat(r.connections()).isBetween(1, 4);
    assertThat(r.lagP99()).isLessThan(50.0);
    assertThat(r.json()).contains("\"target_rps\":200.0", "\"requests\":300", "\"errors\":0");
  }

  @Test
  void countsQueueingInTheLatencyWhenTheServerFallsBehind() throws Exception {
    // one thread, 20 ms a request: 50 req/s at most, offered 100 req/s for 2 s
    InetSocketAddress a = start(ex -> {
      sleep(20);
      respond(ex, 200, OK);
    }, Executors.newSingleThreadExecutor());
    PacedDriver.Result r = PacedDriver.run(new PacedDriver.Plan(a, 100, 2, 4, 0, 30), get(a));
    assertThat(r.recorded()).isEqualTo(200);
    assertThat(r.errors()).isZero();
    assertThat(r.achievedRps()).isLessThan(70.0);
    // the last requests wait behind all earlier ones: about 2 s late, where a closed loop would show ~80 ms
    assertThat(r.max()).isGreaterThan(1_000.0);
    assertThat(r.p50()).isGreaterThan(300.0);
  }

  @Test
  void aRequestNotAnsweredInTimeIsATimeoutWithTheTimeoutAsItsLatency() throws Exception {
    InetSocketAddress a = start(ex -> {
      sleep(1_500);
      respond(ex, 200, OK);
    }, Executors.newCachedThreadPool());
    PacedDriver.Result r = PacedDriver.run(new PacedDriver.Plan(a, 10, 0.5, 8, 0, 0.3), get(a));
    assertThat(r.recorded()).isEqualTo(5);
    assertThat(r.errorsTimeout()).isEqualTo(5);
    assertThat(r.max()).isBetween(299.0, 301.0);
    assertThat(r.seconds()).isLessThan(1.4);
  }

  @Test
  void refreshModeSendsEachRotatedTokenOnceAndReadsChunkedBodies(@TempDir Path dir) throws Exception {
    Set<String> live = ConcurrentHashMap.newKeySet();
    AtomicInteger issued = new AtomicInteger();
    StringBuilder poolFile = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      String t = "r" + issued.getAndIncrement();
      live.add(t);
      poolFile.append("access-").append(i).append(' ').append(t).append('\n');
    }
    Path pool = Files.writeString(dir.resolve("pool.txt"), poolFile);
    InetSocketAddress a = start(ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = REFRESH.matcher(body);
      if (!body.contains("grant_type=refresh_token&client_id=app") || !m.find()
          || !live.remove(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8))) {
        respond(ex, 400, "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String next = "r" + issued.getAndIncrement();
      live.add(next);
      ex.sendResponseHeaders(200, 0);   // length 0: chunked
      try (OutputStream o = ex.getResponseBody()) {
        o.write(("{\"access_token\":\"a\",\"refresh_token\":\"" + next + "\"}").getBytes(StandardCharsets.UTF_8));
      }
    }, Executors.newFixedThreadPool(4));
    RequestSource requests = RequestSource.fromEnv(Map.of("BENCH_MODE", "refresh", "BENCH_PATH", "/token",
        "BENCH_POOL", pool.toString(), "BENCH_CLIENT_ID", "app"), "127.0.0.1:" + a.getPort(), "");
    PacedDriver.Result r = PacedDriver.run(new PacedDriver.Plan(a, 100, 1, 4, 0.2, 5), requests);
    assertThat(r.recorded()).isEqualTo(100);
    assertThat(r.errors()).isZero();
    assertThat(r.refreshPoolDry()).isZero();
    assertThat(issued.get()).isEqualTo(6 + 120);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
