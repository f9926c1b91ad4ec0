package dev.streambed.bench.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimingsTest {
  @Test
  void percentilesAreTakenFromTheSortedRuns() {
    Timings t = new Timings("step", 10);
    for (int ms : new int[] {9, 1, 8, 2, 7, 3, 6, 4, 5, 10}) {
      t.add(ms * 1_000_000L);
    }
    assertThat(t.percentileMillis(50)).isEqualTo(5.0);
    assertThat(t.percentileMillis(90)).isEqualTo(9.0);
    assertThat(t.percentileMillis(100)).isEqualTo(10.0);
    assertThat(t.toString()).contains("step").contains("p50     5.00 ms").contains("(10 runs)");
  }
}
