package dev.streambed.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The soak, briefly (20 s; {@code -Dstreambed.soak.duration=PT30M} for longer): no errors, every
 * write seen by both triggers with a bounded lag, and no more threads, descriptors or retained
 * heap at the end than a steady load explains.
 */
class SoakTest {
  @Test
  void aMixedLoadLeavesNothingBehind() throws Exception {
    Duration duration = Duration.parse(System.getProperty("streambed.soak.duration", "PT20S"));
    Soak.Report r = new Soak(duration, 30).run();
    System.out.println("soak: " + r.summary());
    assertThat(r.errors()).as(r.summary()).isEmpty();
    assertThat(r.unseen().values()).as(r.summary()).allMatch(n -> n == 0);
    assertThat(r.lagMillis().getValueAtPercentile(99)).as(r.summary()).isLessThan(10_000);
    // The pools a steady load keeps (environments, connections, event loops) were all made in the
    // warm-up; a few threads may come and go with the JVM's own housekeeping.
    assertThat(r.threadsEnd()).as(r.summary()).isLessThanOrEqualTo(r.threadsStart() + 4);
    assertThat(r.fdsEnd()).as(r.summary()).isLessThanOrEqualTo(r.fdsStart() + 8);
    // What is stored grows (stream records and log lines stay for a day; items are overwritten):
    // the heap may grow by what each stored entry takes, and no more.
    assertThat(r.heapEndBytes() - r.heapStartBytes()).as(r.summary())
        .isLessThan(16_000_000L + (r.entriesEnd() - r.entriesStart()) * 2_000L);
  }
}
