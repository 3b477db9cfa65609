package dev.gatehouse.bench.load;

import com.sun.management.OperatingSystemMXBean;
import dev.gatehouse.bench.load.LatencyRecorder.Outcome;
import dev.gatehouse.bench.load.PacedConnection.Job;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop, constant-rate HTTP load generator (what wrk2 does; wrk2 cannot be installed
 * here): request i is due at {@code start + i / rate} whether or not earlier requests have been
 * answered, and its latency is counted from that intended start, not from when it was actually
 * sent. Time a request spends waiting for a free connection, or behind a server stall, is in its
 * latency: no coordinated omission. wrk 4.1 is closed-loop (a connection sends its next request
 * only once the previous response is in), so it measures the peak rate but cannot say "p99 at
 * half of peak": at a fixed rate below peak the question is how long each request takes, and
 * only a fixed schedule answers it.
 *
 * <p>{@code PacedDriver <baseUrl> <rate req/s> <seconds> [connections=16] [warmupSeconds=0]
 * [timeoutSeconds=10]}; the scenario comes from the BENCH_* environment variables, as for
 * bench/wrk/bench.lua (see {@link RequestSource}). The warm-up is the first part of the same
 * schedule, on the same connections, and is not recorded.
 *
 * <p>This thread is the scheduler: it parks until each intended start and writes the request on
 * an idle keep-alive connection from the {@link ConnectionPool} (opening one while fewer than
 * {@code connections} are open); if all are busy it waits, and the wait counts in the latency.
 * Each connection's reader thread records the response ({@link PacedConnection}). A request not
 * answered within the timeout of its intended start is an error with the timeout as its
 * latency, so the run ends at most one timeout after the schedule.
 *
 * <p>Prints one JSON line on stdout: target_rps, achieved_rps (responses per second from the
 * first intended start to the last completion), requests, errors (and by kind), connections (the
 * most open at once) and connects (reconnects included), p50/p90/p99/p999/max/mean in ms,
 * refresh_pool_dry (requests that found no unspent refresh token), and the driver's own CPU time
 * per request over the measured part. On stderr: latency per second of the schedule, which shows
 * whether it stays flat or keeps growing (the server falling behind).
 */
public final class PacedDriver {
  /** How often the scheduler looks for requests past their timeout. */
  private static final long SCAN_NANOS = 10_000_000L;

  private final RequestSource requests;
  private final double rate;
  private final long timeoutNanos;
  private final LatencyRecorder recorder;
  private final ConnectionPool pool;
  private long lastScan;

  private PacedDriver(InetSocketAddress address, RequestSource requests, double rate, int connections,
      double timeoutSeconds, long measuredStart, double seconds) {
    this.requests = requests;
    this.rate = rate;
    this.timeoutNanos = (long) (timeoutSeconds * 1e9);
    this.recorder = new LatencyRecorder(measuredStart, (int) Math.ceil(seconds));
    this.pool = new ConnectionPool(address, connections, timeoutNanos, requests, recorder);
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

    long warmupCount = Math.round(warmup * rate);
    long measuredCount = Math.max(1, Math.round(seconds * rate));
    double periodNanos = 1e9 / rate;
    long start = System.nanoTime() + 20_000_000L;
    long measuredStart = start + Math.round(warmupCount * periodNanos);
    PacedDriver d = new PacedDriver(new InetSocketAddress(base.getHost(), port), requests, rate, connections,
        timeout, measuredStart, seconds);
    System.out.println(d.run(start, periodNanos, warmupCount, measuredCount));
  }

  /** Runs the schedule (warm-up, then the measured part) and returns the JSON summary. */
  private String run(long start, double periodNanos, long warmupCount, long measuredCount) throws InterruptedException {
    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    long cpu0 = os.getProcessCpuTime();
    lastScan = System.nanoTime();
    for (long i = 0; i < warmupCount + measuredCount; i++) {
      long intended = start + Math.round(i * periodNanos);
      if (i == warmupCount) {
        cpu0 = os.getProcessCpuTime();
      }
      sleepUntil(intended);
      Job job = new Job(intended, i >= warmupCount);
      PacedConnection c = acquire(job);
      if (c != null) {
        c.dispatch(job, requests.next());
      }
    }
    pool.drainAndClose();
    long cpuNanos = os.getProcessCpuTime() - cpu0;
    return summary(recorder.lastCompletionNanos() - (start + Math.round(warmupCount * periodNanos)), measuredCount,
        cpuNanos);
  }

  /**
   * A connection for the job, or null if none became free within the job's timeout or none could
   * be opened; the job is then recorded as failed here.
   */
  private PacedConnection acquire(Job job) throws InterruptedException {
    long deadline = job.intendedNanos() + timeoutNanos;
    while (true) {
      long now = System.nanoTime();
      if (now >= deadline) {
        fail(job, Outcome.TIMEOUT, timeoutNanos, now);
        return null;
      }
      try {
        PacedConnection c = pool.acquire(Math.min(deadline, now + SCAN_NANOS));
        if (c != null) {
          return c;
        }
      } catch (IOException e) {
        long t = System.nanoTime();
        fail(job, Outcome.IO, t - job.intendedNanos(), t);
        System.err.println("paced: connect failed: " + e);
        return null;
      }
      scanIfDue();
    }
  }

  private void fail(Job job, Outcome outcome, long latencyNanos, long nowNanos) {
    if (job.measured()) {
      recorder.record(job.intendedNanos(), latencyNanos, outcome, nowNanos);
    }
  }

  /**
   * Parks until the intended start, looking for late requests every {@link #SCAN_NANOS}. parkNanos
   * may wake some tens of microseconds late (timer slack); that lateness is in the latency, so it
   * errs on the side of the server looking slower.
   */
  private void sleepUntil(long nanos) {
    for (long d = nanos - System.nanoTime(); d > 0; d = nanos - System.nanoTime()) {
      LockSupport.parkNanos(Math.min(d, SCAN_NANOS));
      scanIfDue();
    }
  }

  private void scanIfDue() {
    long now = System.nanoTime();
    if (now - lastScan >= SCAN_NANOS) {
      lastScan = now;
      pool.expireLate();
    }
  }

  private String summary(long elapsedNanos, long scheduled, long cpuNanos) {
    LatencyRecorder r = recorder;
    long failed = r.count(Outcome.IO) + r.count(Outcome.TIMEOUT);
    long responses = r.count() - failed;
    double elapsed = Math.max(1e-9, elapsedNanos / 1e9);
    long errors = r.count(Outcome.STATUS) + failed;
    RefreshTokenPool tokens = requests.pool();
    long dry = tokens == null ? 0 : tokens.dryCount();
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
        r.count(Outcome.TIMEOUT), pool.peak(), pool.connects(), elapsed, r.percentileMs(50), r.percentileMs(90),
        r.percentileMs(99), r.percentileMs(99.9), r.maxMs(), r.meanMs(), dry,
        scheduled == 0 ? 0 : cpuNanos / 1e6 / scheduled, cpuNanos / 1e9);
  }
}
