package dev.gatehouse.bench.load;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latencies of the measured requests, each counted from its intended start time, in an
 * HdrHistogram (microseconds, three significant digits, up to an hour) for the percentiles, and
 * one coarser histogram per second of the schedule for the timeline, which shows whether latency
 * stays flat or keeps growing (the server falling behind the rate).
 *
 * <p>Every measured request is recorded exactly once, errors too (a timeout with the timeout as
 * its latency), so the histogram's count is the number of requests scheduled. A single lock is
 * enough: at the rates of this benchmark it is taken at most some ten thousand times a second,
 * by the few connections that have a response at the same moment.
 */
final class LatencyRecorder {
  /** How a request ended. */
  enum Outcome { OK, STATUS, IO, TIMEOUT }

  private static final long HIGHEST_US = 3_600_000_000L;

  private final Histogram all = new Histogram(HIGHEST_US, 3);
  private final Histogram[] perSecond;
  private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
  private final long startNanos;
  private long lastCompletionNanos;

  /** {@code startNanos}: the intended start of the first measured request; {@code seconds}: the schedule's length. */
  LatencyRecorder(long startNanos, int seconds) {
    this.startNanos = startNanos;
    perSecond = new Histogram[Math.max(1, seconds)];
  }

  /**
   * @param intendedNanos the request's intended start ({@link System#nanoTime()})
   * @param latencyNanos from the intended start to the end of the response (or the failure)
   * @param completionNanos {@link System#nanoTime()} at completion
   */
  synchronized void record(long intendedNanos, long latencyNanos, Outcome outcome, long completionNanos) {
    long us = Math.max(1, Math.min(HIGHEST_US, latencyNanos / 1_000));
    all.recordValue(us);
    int second = (int) Math.min(perSecond.length - 1, Math.max(0, (intendedNanos - startNanos) / 1_000_000_000L));
    if (perSecond[second] == null) {
      perSecond[second] = new Histogram(HIGHEST_US, 2);
    }
    perSecond[second].recordValue(us);
    outcomes.merge(outcome, 1L, Long::sum);
    lastCompletionNanos = Math.max(lastCompletionNanos, completionNanos);
  }

  synchronized long count() {
    return all.getTotalCount();
  }

  synchronized long count(Outcome outcome) {
    return outcomes.getOrDefault(outcome, 0L);
  }

  synchronized long lastCompletionNanos() {
    return lastCompletionNanos;
  }

  /** The latency at a percentile (0-100), in milliseconds. */
  synchronized double percentileMs(double percentile) {
    return all.getTotalCount() == 0 ? 0 : all.getValueAtPercentile(percentile) / 1_000.0;
  }

  synchronized double maxMs() {
    return all.getTotalCount() == 0 ? 0 : all.getMaxValue() / 1_000.0;
  }

  synchronized double meanMs() {
    return all.getTotalCount() == 0 ? 0 : all.getMean() / 1_000.0;
  }

  /** One line per second of the schedule: requests, p50, p99 and max latency in ms. */
  synchronized String timeline() {
    StringBuilder b = new StringBuilder();
    for (int s = 0; s < perSecond.length; s++) {
      Histogram h = perSecond[s];
      if (h != null) {
        b.append(String.format(Locale.ROOT, "t=%3ds n=%6d p50=%9.2f p99=%9.2f max=%9.2f ms%n", s,
            h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getMaxValue() / 1e3));
      }
    }
    return b.toString();
  }
}
