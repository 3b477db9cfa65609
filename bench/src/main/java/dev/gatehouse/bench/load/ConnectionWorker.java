package dev.gatehouse.bench.load;

import dev.gatehouse.bench.load.LatencyRecorder.Outcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One connection and the thread that blocks on it: takes a request handed over by the
 * {@link PacedDriver}'s scheduler, sends it, records its latency from the request's intended
 * start, and puts itself back among the idle connections.
 *
 * <p>A platform thread, not a virtual one: there are at most a few dozen connections, and a
 * platform thread blocking in a socket read is the cheapest way to wait for a response (a
 * virtual thread adds the poller's registration and a carrier hand-off to every read).
 */
final class ConnectionWorker implements Runnable {
  /**
   * A scheduled request: its intended start ({@link System#nanoTime()}) and whether it is
   * measured; or, with {@code stop}, the order to close the connection and end the thread.
   */
  record Job(long intendedNanos, boolean measured, boolean stop) {
    Job(long intendedNanos, boolean measured) {
      this(intendedNanos, measured, false);
    }
  }

  private static final Job STOP = new Job(0, false, true);
  private static final AtomicLong ERRORS_SHOWN = new AtomicLong();

  private final BlockingQueue<Job> mailbox = new ArrayBlockingQueue<>(1);
  private final HttpConnection connection;
  private final RequestSource requests;
  private final LatencyRecorder recorder;
  private final long measuredStartNanos;
  private final long timeoutNanos;
  private final Consumer<ConnectionWorker> idle;

  ConnectionWorker(InetSocketAddress address, AtomicInteger connects, RequestSource requests,
      LatencyRecorder recorder, long measuredStartNanos, long timeoutNanos, Consumer<ConnectionWorker> idle) {
    this.connection = new HttpConnection(address, connects);
    this.requests = requests;
    this.recorder = recorder;
    this.measuredStartNanos = measuredStartNanos;
    this.timeoutNanos = timeoutNanos;
    this.idle = idle;
  }

  /** Hands this (idle) worker its next request. */
  void submit(Job job) {
    if (!mailbox.offer(job)) {
      throw new IllegalStateException("worker is busy");
    }
  }

  void stop() {
    submit(STOP);
  }

  @Override
  public void run() {
    try {
      for (Job job = mailbox.take(); !job.stop(); job = mailbox.take()) {
        execute(job);
        idle.accept(this);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connection.close();
    }
  }

  private void execute(Job job) {
    long deadline = job.intendedNanos() + timeoutNanos;
    Outcome outcome;
    if (System.nanoTime() >= deadline) {
      // waited for a free connection for longer than the timeout: a client would have given up
      outcome = Outcome.TIMEOUT;
    } else {
      outcome = send(deadline);
    }
    long done = System.nanoTime();
    if (job.measured()) {
      long latency = outcome == Outcome.TIMEOUT ? timeoutNanos : done - job.intendedNanos();
      recorder.record(job.intendedNanos() - measuredStartNanos, latency, outcome, done);
    }
  }

  private Outcome send(long deadline) {
    try {
      HttpConnection.Response r = connection.exchange(requests.next(), deadline, requests.wantsBody());
      if (r.status() / 100 == 2) {
        requests.onSuccess(r.body());
        return Outcome.OK;
      }
      showError("HTTP " + r.status() + (r.body() == null ? "" : " " + head(r.body())));
      return Outcome.STATUS;
    } catch (SocketTimeoutException e) {
      showError("timeout: " + e.getMessage());
      return Outcome.TIMEOUT;
    } catch (IOException | RuntimeException e) {
      showError(e.toString());
      return Outcome.IO;
    }
  }

  /** The first few errors go to stderr, so a failing run says why. */
  private static void showError(String what) {
    if (ERRORS_SHOWN.incrementAndGet() <= 5) {
      System.err.println("paced: request failed: " + what);
    }
  }

  private static String head(String s) {
    return s.length() > 200 ? s.substring(0, 200) : s;
  }
}
