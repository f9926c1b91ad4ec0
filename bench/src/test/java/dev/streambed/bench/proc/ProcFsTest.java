package dev.streambed.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcFsTest {
  private static final long SELF = ProcessHandle.current().pid();

  @BeforeEach
  void onLinux() {
    assumeTrue(ProcFs.available(), "needs /proc");
  }

  @Test
  void parsesUtimePlusStimeEvenWhenTheCommandNameHasSpacesAndParentheses() {
    String stat = "4242 (my (odd) java) S 1 4242 4242 0 -1 4194560 1000 0 0 0 "
        + "1234 56 0 0 20 0 30 0 100 0 0";

    assertThat(ProcFs.parseCpuTicks(stat)).isEqualTo(1234 + 56);
  }

  @Test
  void parsesVmRss() {
    String status = "Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  123456 kB\nThreads:\t30\n";

    assertThat(ProcFs.parseRssKb(status)).isEqualTo(123456);
  }

  @Test
  void readsThisJvmsOwnMemoryAndCpu() {
    assertThat(ProcFs.rssKb(SELF)).isGreaterThan(1024);
    assertThat(ProcFs.cpuTicks(SELF)).isPositive();
  }

  @Test
  void aProcessThatIsGoneReadsAsMinusOne() {
    assertThat(ProcFs.cpuTicks(Integer.MAX_VALUE)).isEqualTo(-1);
    assertThat(ProcFs.rssKb(Integer.MAX_VALUE)).isEqualTo(-1);
  }

  @Test
  void cpuMeterSeesCpuThisThreadBurns() {
    CpuMeter meter = new CpuMeter(ProcessTree.self());
    meter.start();
    burnCpu(300_000_000L);
    CpuMeter.CpuUsage used = meter.stop();

    // Ticks are 10 ms; the process also has JIT and GC threads, so only a lower bound holds.
    assertThat(used.serverMicros()).isGreaterThanOrEqualTo(250_000);
    assertThat(used.clientMicros()).isGreaterThanOrEqualTo(250_000);
    assertThat(used.serverMicrosPer(1000)).isGreaterThanOrEqualTo(250);
  }

  @Test
  void clockTicksAreWhatGetconfSays() {
    assertThat(ClockTicks.perSecond()).isBetween(50L, 10_000L);
  }

  private static void burnCpu(long nanos) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long x = 0;
    while (threads.getCurrentThreadCpuTime() - start < nanos) {
      for (int i = 0; i < 10_000; i++) {
        x += i * 31L ^ x;
      }
    }
    assertThat(x).isNotEqualTo(42);
  }
}
