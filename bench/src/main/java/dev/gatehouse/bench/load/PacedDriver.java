package dev.gatehouse.bench.load;

import com.sun.management.OperatingSystemMXBean;
import dev.gatehouse.bench.load.ConnectionWorker.Job;
import dev.gatehouse.bench.load.LatencyRecorder.Outcome;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop, constant-rate HTTP load generator (what wrk2 does, which this machine cannot
 * install): request i is due at {@code start + i / rate}, whether or not earlier requests have
 * been answered, and its latency is counted from that intended start, not from when it was
 * actually sent. So time a request spends waiting for a free connection, or behind a server
 * stall, is in its latency: no coordinated omission. wrk 4.1 is closed-loop (a connection sends
 * its next request only when the previous response is in), so it can measure the peak rate but
 * not "p99 at half of peak": at a fixed rate below peak, the question is how long each request
 * takes, which only a fixed schedule answers.
 *
 * <p>{@code PacedDriver <baseUrl> <rate req/s> <seconds> [connections=16] [warmupSeconds=0]
 * [timeoutSeconds=10]}; the scenario comes from the BENCH_* environment variables, as for
 * bench/wrk/bench.lua (see {@link RequestSource}). The warm-up is the first part of the same
 * schedule, on the same connections, and is not recorded.
 *
 * <p>One scheduler thread sleeps until each intended start and hands the request to an idle
 * keep-alive connection (the most recently used first, so a light load uses few connections),
 * opening a new one only while fewer than {@code connections} exist; if all are busy it waits for
 * one, and the wait counts in the latency. A request not answered within the timeout of its
 * intended start is an error with the timeout as its latency; the run therefore ends at most one
 * timeout after the schedule.
 *
 * <p>Prints one JSON line on stdout: target_rps, achieved_rps (responses per second from the
 * first intended start to the last completion), requests, errors (and by kind), connections
 * (opened at most at once) and connects (TCP connects, reconnects included), p50/p90/p99/p999/
 * max/mean in ms, refresh_pool_dry (requests that found no unspent refresh token), and the
 * driver's own CPU per request (process CPU time over the measured part). On stderr: the latency
 * per second of the schedule, to show whether it stays flat or grows.
 */
public final class PacedDriver {
  private final InetSocketAddress address;
  private final RequestSource requests;
  private final double rate;
  private final int maxConnections;
  private final long timeoutNanos;
  private final BlockingDeque<ConnectionWorker> idle = new LinkedBlockingDeque<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger connects = new AtomicInteger();

  private PacedDriver(InetSocketAddress address, RequestSource requests, double rate, int maxConnections,
      double timeoutSeconds) {
    this.address = address;
    this.requests = requests;
    this.rate = rate;
    this.maxConnections = maxConnections;
    this.timeoutNanos = (long) (timeoutSeconds * 1e9);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: PacedDriver <baseUrl> <rate req/s> <seconds> [connections=16] [warmupSeconds=0] [timeoutSeconds=10]");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    double rate = Double.parseDouble(args[1]);
    double seconds = Double.parseDouble(args[2]);
    int connections = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    double warmup = args.length > 4 ? Double.parseDouble(args[4]) : 0;
    double timeout = args.length > 5 ? Double.parseDouble(args[5]) : 10;
    if (!(rate > 0) || !(seconds > 0) || connections < 1 || warmup < 0 || !(timeout > 0)) {
      throw new IllegalArgumentException("rate, seconds, connections and timeout must be positive");
    }
    int port = base.getPort() > 0 ? base.getPort() : 80;
    String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    RequestSource requests = RequestSource.fromEnv(System.getenv(), base.getHost() + ":" + port, basePath);
    PacedDriver driver = new PacedDriver(new InetSocketAddress(base.getHost(), port), requests, rate, connections, timeout);
    System.out.println(driver.run(warmup, seconds));
  }

  /** Runs the schedule (warm-up, then the measured part) and returns the JSON summary. */
  private String run(double warmupSeconds, double seconds) throws InterruptedException {
    long warmupCount = Math.round(warmupSeconds * rate);
    long measuredCount = Math.max(1, Math.round(seconds * rate));
    double periodNanos = 1e9 / rate;
    long start = System.nanoTime() + 20_000_000L;   // a moment to start the first connection
    long measuredStart = start + Math.round(warmupCount * periodNanos);
    LatencyRecorder recorder = new LatencyRecorder((int) Math.ceil(seconds));
    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    long cpu0 = 0;
    for (long i = 0; i < warmupCount + measuredCount; i++) {
      long intended = start + Math.round(i * periodNanos);
      boolean measured = i >= warmupCount;
      if (i == warmupCount) {
        cpu0 = os.getProcessCpuTime();
      }
      sleepUntil(intended);
      acquire(recorder, measuredStart).submit(new Job(intended, measured));
    }
    for (int i = 0; i < threads.size(); i++) {
      idle.takeFirst().stop();
    }
    for (Thread t : threads) {
      t.join();
    }
    long cpu1 = os.getProcessCpuTime();
    return summary(recorder, measuredStart, measuredCount, cpu1 - cpu0);
  }

  /** An idle connection, a new one while under the cap, or else the next to become idle. */
  private ConnectionWorker acquire(LatencyRecorder recorder, long measuredStart) throws InterruptedException {
    ConnectionWorker w = idle.pollFirst();
    if (w != null) {
      return w;
    }
    if (threads.size() < maxConnections) {
      w = new ConnectionWorker(address, connects, requests, recorder, measuredStart, timeoutNanos, idle::addFirst);
      Thread t = new Thread(w, "paced-conn-" + threads.size());
      t.setDaemon(true);
      t.start();
      threads.add(t);
      return w;
    }
    return idle.takeFirst();
  }

  /**
   * Parks until the intended start. parkNanos may wake some tens of microseconds late (timer
   * slack); that lateness is in the latency, which errs on the side of the server looking slower.
   */
  private static void sleepUntil(long nanos) {
    for (long d = nanos - System.nanoTime(); d > 0; d = nanos - System.nanoTime()) {
      LockSupport.parkNanos(d);
    }
  }

  private String summary(LatencyRecorder r, long measuredStart, long scheduled, long cpuNanos) {
    long failed = r.count(Outcome.IO) + r.count(Outcome.TIMEOUT);
    long responses = r.count() - failed;
    double elapsed = Math.max(1e-9, (r.lastCompletionNanos() - measuredStart) / 1e9);
    long errors = r.count(Outcome.STATUS) + failed;
    RefreshTokenPool pool = requests.pool();
    long dry = pool == null ? 0 : pool.dryCount();
    System.err.print(r.timeline());
    if (dry > 0) {
      System.err.println("paced: the refresh-token pool ran dry: " + dry + " requests sent a spent token");
    }
    return String.format(Locale.ROOT,
        "{\"target_rps\":%.1f,\"achieved_rps\":%.1f,\"requests\":%d,\"errors\":%d,\"errors_status\":%d,"
            + "\"errors_io\":%d,\"errors_timeout\":%d,\"connections\":%d,\"connects\":%d,\"seconds\":%.3f,"
            + "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,\"mean_ms\":%.3f,"
            + "\"refresh_pool_dry\":%d,\"driver_cpu_ms_per_req\":%.4f,\"driver_cpu_s\":%.3f}",
        rate, responses / elapsed, scheduled, errors, r.count(Outcome.STATUS), r.count(Outcome.IO),
        r.count(Outcome.TIMEOUT), threads.size(), connects.get(), elapsed, r.percentileMs(50), r.percentileMs(90),
        r.percentileMs(99), r.percentileMs(99.9), r.maxMs(), r.meanMs(), dry,
        scheduled == 0 ? 0 : cpuNanos / 1e6 / scheduled, cpuNanos / 1e9);
  }
}
