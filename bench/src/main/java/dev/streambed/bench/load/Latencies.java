package dev.streambed.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Latency histograms in nanoseconds, 1 us to 1 min, three significant digits. */
public final class Latencies {
  private static final long HIGHEST = TimeUnit.MINUTES.toNanos(1);

  private Latencies() {}

  public static Histogram newHistogram() {
    return new Histogram(HIGHEST, 3);
  }

  public static void record(Histogram h, long nanos) {
    h.recordValue(Math.max(0, Math.min(nanos, HIGHEST)));
  }
}
