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
import org.HdrHistogram.Histogram;

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
 * <p>The calling thread is the scheduler: it parks until each intended start and writes the request on
 * an idle keep-alive connection from the {@link ConnectionPool} (opening one while fewer than
 * {@code connections} are open); if all are busy it waits, and the wait counts in the latency.
 * Each connection's reader thread records the response ({@link PacedConnection}). A request not
 * answered within the timeout of its intended start is an error with the timeout as its
 * latency, so the run ends at most one timeout after the schedule.
 *
 * <p>Prints one JSON line on stdout: target_rps, achieved_rps (responses per second from the
 * first intended start to the last completion), requests, errors (and by kind), connections (the
 * most open at once: one stall of the server is enough to open them all) and connects
 * (reconnects included), p50/p90/p99/p999/max/mean in ms, schedule_lag_p99/max (how late the
 * driver itself woke to send: its own share of those latencies),
 * refresh_pool_dry (requests that found no unspent refresh token), and the driver's own CPU time
 * per request over the measured part. On stderr: latency per second of the schedule, which shows
 * whether it stays flat or keeps growing (the server falling behind).
 */
public final class PacedDriver {
  /** How often the scheduler looks for requests past their timeout. */
  private static final long SCAN_NANOS = 10_000_000L;

  /** What to run: {@code rate} req/s for {@code seconds} after {@code warmupSeconds}. */
  record Plan(InetSocketAddress address, double rate, double seconds, int connections, double warmupSeconds,
      double timeoutSeconds) {
    Plan {
      if (!(rate > 0) || !(seconds > 0) || connections < 1 || !(warmupSeconds >= 0) || !(timeoutSeconds > 0)) {
        throw new IllegalArgumentException("rate, seconds, connections and timeout must be positive");
      }
    }
  }

  /**
   * The measured part of a run; latencies in ms. {@code requests} were scheduled, {@code recorded}
   * made it into the histogram (the same number, unless a request was lost).
   */
  record Result(double targetRps, double achievedRps, long requests, long recorded, long errors, long errorsStatus, long errorsIo,
      long errorsTimeout, int connections, int connects, double seconds, double p50, double p90, double p99,
      double p999, double max, double mean, double lagP99, double lagMax, long refreshPoolDry,
      double driverCpuMsPerRequest, double driverCpuSeconds, String timeline) {

    String json() {
      return String.format(Locale.ROOT,
          "{\"target_rps\":%.1f,\"achieved_rps\":%.1f,\"requests\":%d,\"errors\":%d,\"errors_status\":%d,"
              + "\"errors_io\":%d,\"errors_timeout\":%d,\"connections\":%d,\"connects\":%d,\"seconds\":%.3f,"
              + "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,\"mean_ms\":%.3f,"
              + "\"schedule_lag_p99_ms\":%.3f,\"schedule_lag_max_ms\":%.3f,"
              + "\"refresh_pool_dry\":%d,\"driver_cpu_ms_per_req\":%.4f,\"driver_cpu_s\":%.3f}",
          targetRps, achievedRps, requests, errors, errorsStatus, errorsIo, errorsTimeout, connections, connects,
          seconds, p50, p90, p99, p999, max, mean, lagP99, lagMax, refreshPoolDry, driverCpuMsPerRequest,
          driverCpuSeconds);
    }
  }

  private final Plan plan;
  private final RequestSource requests;
  private final long timeoutNanos;
  private final double periodNanos;
  private final long warmupCount;
  private final long measuredCount;
  private final long start;
  private final long measuredStart;
  private final LatencyRecorder recorder;
  private final ConnectionPool pool;
  /**
   * How late the scheduler got to each measured request (µs) that it was free to send: from the
   * later of the intended start and the end of the previous dispatch (which may have waited for a
   * connection, the server's doing) to the moment it woke. Timer slack and waiting for a core:
   * the driver's own share of the latencies. Large values mean the driver, not the server, is
   * slow.
   */
  private final Histogram lag = new Histogram(3_600_000_000L, 2);
  private long lastScan;

  private PacedDriver(Plan plan, RequestSource requests) {
    this.plan = plan;
    this.requests = requests;
    this.timeoutNanos = (long) (plan.timeoutSeconds() * 1e9);
    this.periodNanos = 1e9 / plan.rate();
    this.warmupCount = Math.round(plan.warmupSeconds() * plan.rate());
    this.measuredCount = Math.max(1, Math.round(plan.seconds() * plan.rate()));
    this.start = System.nanoTime() + 20_000_000L;
    this.measuredStart = start + Math.round(warmupCount * periodNanos);
    this.recorder = new LatencyRecorder(measuredStart, (int) Math.ceil(plan.seconds()));
    this.pool = new ConnectionPool(plan.address(), plan.connections(), timeoutNanos, requests, recorder);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: PacedDriver <baseUrl> <rate req/s> <seconds> [connections=16] [warmupSeconds=0] [timeoutSeconds=10]");
      System.exit(2);
    }
    URI base = URI.create(args[0]);
    int port = base.getPort() > 0 ? base.getPort() : 80;
    String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    Plan plan = new Plan(new InetSocketAddress(base.getHost(), port), Double.parseDouble(args[1]),
        Double.parseDouble(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 16,
        args.length > 4 ? Double.parseDouble(args[4]) : 0, args.length > 5 ? Double.parseDouble(args[5]) : 10);
    RequestSource requests = RequestSource.fromEnv(System.getenv(), base.getHost() + ":" + port, basePath);
    Result r = run(plan, requests);
    System.err.print(r.timeline());
    if (r.refreshPoolDry() > 0) {
      System.err.println("paced: the refresh-token pool ran dry: " + r.refreshPoolDry() + " requests sent a spent token");
    }
    System.out.println(r.json());
  }

  /** Runs the schedule (warm-up, then the measured part). */
  static Result run(Plan plan, RequestSource requests) throws InterruptedException {
    return new PacedDriver(plan, requests).run();
  }

  private Result run() throws InterruptedException {
    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    long cpu0 = os.getProcessCpuTime();
    lastScan = System.nanoTime();
    long free = Long.MIN_VALUE;   // nanoTime may be negative
    for (long i = 0; i < warmupCount + measuredCount; i++) {
      long intended = start + Math.round(i * periodNanos);
      if (i == warmupCount) {
        cpu0 = os.getProcessCpuTime();
      }
      sleepUntil(intended);
      if (i >= warmupCount) {
        lag.recordValue(Math.max(0, (System.nanoTime() - Math.max(intended, free)) / 1_000));
      }
      Job job = new Job(intended, i >= warmupCount);
      PacedConnection c = acquire(job);
      if (c != null) {
        c.dispatch(job, requests.next());
      }
      free = System.nanoTime();
    }
    pool.drainAndClose();
    return result(os.getProcessCpuTime() - cpu0);
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
        PacedConnection.showError("connect failed: " + e);
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

  private Result result(long cpuNanos) {
    LatencyRecorder r = recorder;
    long failed = r.count(Outcome.IO) + r.count(Outcome.TIMEOUT);
    double elapsed = Math.max(1e-9, (r.lastCompletionNanos() - measuredStart) / 1e9);
    RefreshTokenPool tokens = requests.pool();
    return new Result(plan.rate(), (r.count() - failed) / elapsed, measuredCount, r.count(),
        r.count(Outcome.STATUS) + failed, r.count(Outcome.STATUS), r.count(Outcome.IO), r.count(Outcome.TIMEOUT),
        pool.peak(), pool.connects(), elapsed, r.percentileMs(50), r.percentileMs(90), r.percentileMs(99),
        r.percentileMs(99.9), r.maxMs(), r.meanMs(), lag.getValueAtPercentile(99) / 1e3, lag.getMaxValue() / 1e3,
        tokens == null ? 0 : tokens.dryCount(),
        cpuNanos / 1e6 / measuredCount, cpuNanos / 1e9, r.timeline());
  }
}
