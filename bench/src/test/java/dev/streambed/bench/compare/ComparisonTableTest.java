package dev.streambed.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.bench.load.Latencies;
import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.proc.CpuMeter.CpuUsage;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
  private static RunResult run(String name, long ops, long micros, long serverCpuMicros) {
    return run(name, ops, 0, micros, serverCpuMicros);
  }

  private static RunResult run(
      String name, long ops, long errors, long micros, long serverCpuMicros) {
    Histogram h = Latencies.newHistogram();
    for (int i = 0; i < ops; i++) {
      Latencies.record(h, micros * 1000);
    }
    return new RunResult(name, ops, errors, Duration.ofSeconds(1).toNanos(), h,
        new CpuUsage(serverCpuMicros, 0));
  }

  @Test
  void showsBothServersAndTheRatioOfTheSecondToTheFirst() {
    ServerReport slow = new ServerReport("Slow", Duration.ofMillis(4000), 100 * 1024, 200 * 1024,
        List.of(run("http put", 1000, 10_000, 1_000_000)), null);
    ServerReport fast = new ServerReport("Fast", Duration.ofMillis(400), 50 * 1024, 60 * 1024,
        List.of(run("http put", 10_000, 1000, 500_000)), null);

    String table = new ComparisonTable(slow, fast, 20000).render();

    assertThat(table)
        .contains("| metric | Slow | Fast | Fast / Slow |")
        .contains("| time to ready (ms) | 4000 | 400 | 0.100x |")
        .contains("| RSS after 20000 puts (MB) | 200.0 | 60.0 | 0.300x |")
        .contains("| http put throughput (ops/s) | 1000 | 10000 | 10.000x |")
        .contains("| http put server CPU (us/op) | 1000 | 50 | 0.050x |")
        .doesNotContain("errors");
  }

  @Test
  void showsErrorsWhereThereWereAny() {
    ServerReport a = new ServerReport("A", Duration.ofMillis(1), 1, 1,
        List.of(run("sdk put", 10, 0, 100, 100)), null);
    ServerReport b = new ServerReport("B", Duration.ofMillis(1), 1, 1,
        List.of(run("sdk put", 10, 3, 100, 100)), null);

    assertThat(new ComparisonTable(a, b, 1).render()).contains("| sdk put errors | 0 | 3 | - |");
  }

  @Test
  void leavesAServerThatWasNotMeasuredBlankAndSaysSo() {
    ServerReport base = new ServerReport("DynamoDB Local", Duration.ofMillis(4000), 1, 2,
        List.of(run("sdk get", 100, 5000, 100_000)), null);

    String table = new ComparisonTable(base, ServerReport.notMeasured("Streambed"), 20000).render();

    assertThat(table)
        .contains("| sdk get throughput (ops/s) | 100 | - | - |")
        .contains("Streambed: not measured");
  }
}
