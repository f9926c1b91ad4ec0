package dev.streambed.bench.load;

import dev.streambed.bench.proc.CpuMeter.CpuUsage;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** What one measured phase produced: successful operations, errors, latencies and CPU. */
public record RunResult(
    String name, long ops, long errors, long elapsedNanos, Histogram latencyNanos, CpuUsage cpu) {

  public double throughput() {
    return elapsedNanos == 0 ? 0 : ops * 1e9 / elapsedNanos;
  }

  public double p50Millis() {
    return percentileMillis(50);
  }

  public double p99Millis() {
    return percentileMillis(99);
  }

  public double maxMillis() {
    return latencyNanos.getTotalCount() == 0 ? Double.NaN : latencyNanos.getMaxValue() / 1e6;
  }

  public double serverCpuMicrosPerOp() {
    return cpu.serverMicrosPer(ops);
  }

  public double clientCpuMicrosPerOp() {
    return cpu.clientMicrosPer(ops);
  }

  private double percentileMillis(double p) {
    return latencyNanos.getTotalCount() == 0
        ? Double.NaN
        : latencyNanos.getValueAtPercentile(p) / 1e6;
  }

  /** One line a person can read, e.g. for the sdk and http commands. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "%-10s %9d ops in %6.2f s = %9.1f ops/s  p50 %7.3f ms  p99 %7.3f ms  max %8.3f ms",
        name, ops, elapsedNanos / 1e9, throughput(), p50Millis(), p99Millis(), maxMillis()));
    if (cpu.serverMicros() >= 0) {
      s.append(String.format(Locale.ROOT, "  server CPU %8.1f us/op", serverCpuMicrosPerOp()));
    }
    if (cpu.clientMicros() >= 0) {
      s.append(String.format(Locale.ROOT, "  client CPU %7.1f us/op", clientCpuMicrosPerOp()));
    }
    if (errors > 0) {
      s.append("  ERRORS ").append(errors);
    }
    return s.toString();
  }
}
