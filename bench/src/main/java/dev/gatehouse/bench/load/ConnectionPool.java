package dev.gatehouse.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link PacedDriver}'s keep-alive connections, at most {@code max} open at once. An idle
 * connection is reused most-recently-used first, so a light load keeps using the same one or two
 * and the number opened says how many requests were really in flight at once; a new one is
 * opened only when none is idle. It counts every connect (reconnects after the server closed a
 * connection, or after a timeout, included) and the most open at once.
 */
final class ConnectionPool {
  private final InetSocketAddress address;
  private final int max;
  private final long timeoutNanos;
  private final RequestSource requests;
  private final LatencyRecorder recorder;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<PacedConnection> idle = new ArrayDeque<>();
  private final List<PacedConnection> open = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private int peak;
  private int connects;

  ConnectionPool(InetSocketAddress address, int max, long timeoutNanos, RequestSource requests, LatencyRecorder recorder) {
    this.address = address;
    this.max = max;
    this.timeoutNanos = timeoutNanos;
    this.requests = requests;
    this.recorder = recorder;
  }

  long timeoutNanos() {
    return timeoutNanos;
  }

  /**
   * An idle connection, else a new one while fewer than the cap are open, else the first to
   * become idle before {@code waitUntilNanos}; null if none did.
   */
  PacedConnection acquire(long waitUntilNanos) throws IOException, InterruptedException {
    lock.lock();
    try {
      while (true) {
        PacedConnection c = idle.pollFirst();
        if (c != null) {
          return c;
        }
        if (open.size() < max) {
          return connect();
        }
        long left = waitUntilNanos - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  private PacedConnection connect() throws IOException {
    PacedConnection c = new PacedConnection(address, this, requests, recorder);
    connects++;
    open.add(c);
    peak = Math.max(peak, open.size());
    Thread t = new Thread(c, "paced-conn-" + connects);
    t.setDaemon(true);
    t.start();
    readers.add(t);
    return c;
  }

  /** A connection's response is in: it is idle again. */
  void release(PacedConnection c) {
    lock.lock();
    try {
      idle.addFirst(c);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** A connection is closed (by the server, an error or a timeout) and its reader has ended. */
  void closed(PacedConnection c) {
    lock.lock();
    try {
      idle.remove(c);
      open.remove(c);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the requests in flight for longer than the timeout (see {@link PacedConnection#expireIfLate}). */
  void expireLate() {
    lock.lock();
    try {
      long now = System.nanoTime();
      for (PacedConnection c : open) {
        c.expireIfLate(now, timeoutNanos);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until no request is in flight (each ends by its timeout), then closes every connection. */
  void drainAndClose() throws InterruptedException {
    lock.lock();
    try {
      while (idle.size() < open.size()) {
        changed.await(10, TimeUnit.MILLISECONDS);
        expireLate();
      }
      for (PacedConnection c : open) {
        c.close();
      }
    } finally {
      lock.unlock();
    }
    for (Thread t : readers) {
      t.join();
    }
  }

  /** The most connections open at once. */
  int peak() {
    lock.lock();
    try {
      return peak;
    } finally {
      lock.unlock();
    }
  }

  /** Connections opened in all, reconnects included. */
  int connects() {
    lock.lock();
    try {
      return connects;
    } finally {
      lock.unlock();
    }
  }
}
