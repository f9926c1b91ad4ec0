package dev.streambed.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InvocationLogTest {
  /** REPORT's durations read as %.2f writes them, for the values a duration takes. */
  @Test
  void durationsHaveTwoDecimalsAsFormatWritesThem() {
    double[] edges = {0, 0.004, 0.005, 0.01, 0.1, 0.99, 0.999, 1, 1.05, 9.995, 10, 99.999, 1234.5678, 900_000};
    for (double d : edges) {
      assertThat(InvocationLog.twoDecimals(d)).as("%s", d).isEqualTo(String.format(Locale.ROOT, "%.2f", d));
    }
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      // Durations are measured in nanoseconds, so their millisecond values have six decimals.
      double d = random.nextInt(1_000_000_000) / 1_000_000.0;
      assertThat(InvocationLog.twoDecimals(d)).as("%s", d).isEqualTo(String.format(Locale.ROOT, "%.2f", d));
    }
  }
}
