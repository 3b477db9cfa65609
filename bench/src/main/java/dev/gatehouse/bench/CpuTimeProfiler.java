package dev.gatehouse.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Throughput per CPU-second of the benchmark JVM, for a machine shared with other work: on a
 * loaded machine the benchmark thread gets a varying fraction of a core, so ops per wall-clock
 * second of benchmarks run one after another are not comparable, but ops per CPU-second the
 * JVM actually got are (GC and JIT threads included, so a benchmark that allocates pays for it).
 * Throughput mode only. Use with {@code -prof dev.gatehouse.bench.CpuTimeProfiler}; adds
 * {@code ·cpu.opsPerCpuSecond} and {@code ·cpu.share} (cores the JVM got on average).
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuStart;
  private long wallStart;

  @Override
  public String getDescription() {
    return "throughput per CPU-second of the benchmark JVM (process CPU time)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuStart = os.getProcessCpuTime();
    wallStart = System.nanoTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    double cpu = os.getProcessCpuTime() - cpuStart;
    double wall = System.nanoTime() - wallStart;
    double share = cpu / wall;
    double perCpuSecond = result.getPrimaryResult().getScore() / share;
    return List.of(
        new ScalarResult("cpu.opsPerCpuSecond", perCpuSecond, "ops/cpu-s", AggregationPolicy.AVG),
        new ScalarResult("cpu.share", share, "cores", AggregationPolicy.AVG));
  }
}
