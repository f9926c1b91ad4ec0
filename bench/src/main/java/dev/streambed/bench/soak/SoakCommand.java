package dev.streambed.bench.soak;

import dev.streambed.bench.DurationConverter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code streambed-bench soak}: the mixed load for a set duration, and what it left behind. */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Start Streambed in this JVM and run a mixed load (writes, reads, queries, a stream with two "
        + "triggers, invocations, log reads) for a set duration; report errors, heap after GC, threads, file "
        + "descriptors and trigger lag.")
public final class SoakCommand implements Callable<Integer> {
  @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
      description = "how long the load runs (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--rate", defaultValue = "40", description = "load iterations a second (default: ${DEFAULT-VALUE})")
  int rate;

  @Override
  public Integer call() throws Exception {
    Soak.Report report = new Soak(duration, rate).run();
    System.out.println(report.summary());
    boolean unseen = report.unseen().values().stream().anyMatch(n -> n > 0);
    return report.errorCount() == 0 && !unseen ? 0 : 1;
  }
}
