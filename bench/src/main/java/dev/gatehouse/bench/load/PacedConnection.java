package dev.gatehouse.bench.load;

import dev.gatehouse.bench.load.LatencyRecorder.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One keep-alive connection of the {@link PacedDriver}: the scheduler thread writes a request on
 * it when the request is due ({@link #dispatch}), and the connection's own reader thread, blocked
 * in a socket read, takes the response, records its latency from the request's intended start
 * and hands the connection back to the {@link ConnectionPool}.
 *
 * <p>Splitting the two sides this way hands nothing between threads: the scheduler writes the
 * request itself, and the reader, woken by the response's bytes, reads the completion time at
 * once. A request costs two wake-ups (the scheduler's at its due time, the reader's) and two
 * system calls. A platform thread, not a virtual
 * one: a platform thread blocked in a read of a blocking socket is one system call, a virtual
 * thread adds the poller's registration and a carrier hand-off to every read.
 *
 * <p>The request in flight is completed exactly once ({@code inFlight.getAndSet(null)}), by the
 * reader: with its response, or with an error when the read fails, which is also how a timeout
 * ends it ({@link #expireIfLate} closes the socket); only a request handed to a connection that
 * has just died is completed by the scheduler.
 */
final class PacedConnection implements Runnable {
  /** A scheduled request: its intended start ({@link System#nanoTime()}) and whether it is measured. */
  record Job(long intendedNanos, boolean measured) {}

  private static final AtomicLong ERRORS_SHOWN = new AtomicLong();

  private final HttpConnection http;
  private final ConnectionPool pool;
  private final RequestSource requests;
  private final LatencyRecorder recorder;
  private final AtomicReference<Job> inFlight = new AtomicReference<>();
  private volatile boolean timedOut;
  private volatile boolean dead;

  PacedConnection(InetSocketAddress address, ConnectionPool pool, RequestSource requests, LatencyRecorder recorder)
      throws IOException {
    this.http = new HttpConnection(address);
    this.pool = pool;
    this.requests = requests;
    this.recorder = recorder;
  }

  /** Sends the request (scheduler thread); its response or failure is the reader's to record. */
  void dispatch(Job job, byte[] request) {
    inFlight.set(job);
    if (dead) {
      // the reader ended (the server closed the connection) just as this request was given to it
      complete(Outcome.IO, System.nanoTime());
      return;
    }
    try {
      http.send(request);
    } catch (IOException e) {
      http.close();   // the blocked read fails and records the error
    }
  }

  /** Closes the connection if its request is past its deadline; the reader records a timeout. */
  void expireIfLate(long nowNanos, long timeoutNanos) {
    Job job = inFlight.get();
    if (job != null && nowNanos - job.intendedNanos() >= timeoutNanos) {
      timedOut = true;
      http.close();
    }
  }

  void close() {
    http.close();
  }

  @Override
  public void run() {
    Exception failure = null;
    try {
      while (true) {
        HttpConnection.Response r = http.readResponse(requests.wantsBody());
        long done = System.nanoTime();
        Outcome outcome = Outcome.OK;
        if (r.status() / 100 == 2) {
          requests.onSuccess(r.body());
        } else {
          outcome = Outcome.STATUS;
          showError("HTTP " + r.status() + (r.body() == null ? "" : " " + head(r.body())));
        }
        complete(outcome, done);
        if (http.closeRequested()) {
          break;
        }
        pool.release(this);
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
    // dead before looking at inFlight, and dispatch sets inFlight before looking at dead: a
    // request handed over at this very moment is completed by one side or the other
    dead = true;
    http.close();
    pool.closed(this);
    if (inFlight.get() != null) {
      showError(timedOut ? "timeout" : String.valueOf(failure));
      complete(timedOut ? Outcome.TIMEOUT : Outcome.IO, System.nanoTime());
    }
  }

  private void complete(Outcome outcome, long doneNanos) {
    Job job = inFlight.getAndSet(null);
    if (job != null && job.measured()) {
      long latency = outcome == Outcome.TIMEOUT ? pool.timeoutNanos() : doneNanos - job.intendedNanos();
      recorder.record(job.intendedNanos(), latency, outcome, doneNanos);
    }
  }

  /** The first few errors go to stderr, so a failing run says why. */
  static void showError(String what) {
    if (ERRORS_SHOWN.incrementAndGet() <= 5) {
      System.err.println("paced: request failed: " + what);
    }
  }

  private static String head(String s) {
    return s.length() > 200 ? s.substring(0, 200) : s;
  }
}
