package dev.streambed.bench.embedded;

import java.util.Arrays;
import java.util.Locale;

/** Durations of repeated runs of one step, summarized as the median, the 90th percentile and the worst. */
public final class Timings {
  private final String name;
  private final long[] nanos;
  private int n;

  public Timings(String name, int capacity) {
    this.name = name;
    this.nanos = new long[capacity];
  }

  public void add(long elapsedNanos) {
    nanos[n++] = elapsedNanos;
  }

  public double percentileMillis(double p) {
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * n) - 1;
    return sorted[Math.max(0, Math.min(n - 1, index))] / 1e6;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "  %-46s p50 %8.2f ms  p90 %8.2f ms  max %8.2f ms  (%d runs)",
        name, percentileMillis(50), percentileMillis(90), percentileMillis(100), n);
  }
}
