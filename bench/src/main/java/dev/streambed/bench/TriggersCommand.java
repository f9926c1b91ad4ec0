package dev.streambed.bench;

import dev.streambed.bench.triggers.TriggerBench;
import dev.streambed.server.Config;
import dev.streambed.server.StreambedServer;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Stream triggers in an embedded Streambed: write-to-handler latency, and delivery throughput. */
@Command(
    name = "triggers",
    mixinStandardHelpOptions = true,
    description = "Start Streambed in this JVM and measure an event source mapping: the time from a "
        + "PutItem's response to the handler seeing the record (BatchSize 1, no window) for a Java "
        + "handler in-process and a Python handler, and records delivered per second to a Java "
        + "handler at BatchSize 100.")
final class TriggersCommand implements Callable<Integer> {
  @Option(names = "--writes", defaultValue = "2000", description = "writes timed per handler")
  int writes;

  @Option(names = "--records", defaultValue = "100000", description = "records for the throughput run")
  int records;

  @Override
  public Integer call() throws Exception {
    try (StreambedServer server = StreambedServer.start(Config.defaults().withPort(0))) {
      TriggerBench bench = new TriggerBench(server);
      System.out.println("PutItem response to handler, " + writes + " writes, BatchSize 1, no batching window:");
      for (TriggerBench.Handler h : TriggerBench.Handler.values()) {
        TriggerBench.Latency l = bench.latency(h, writes);
        Histogram x = l.latency();
        System.out.printf(Locale.ROOT, "  %-7s p50 %7.3f ms  p99 %7.3f ms  max %8.3f ms  (%d seen before the response)%n",
            h.name().toLowerCase(Locale.ROOT), x.getValueAtPercentile(50) / 1e6, x.getValueAtPercentile(99) / 1e6,
            x.getMaxValue() / 1e6, l.beforeResponse());
      }
      System.out.printf(Locale.ROOT, "Delivered to a Java handler at BatchSize 100: %.0f records/s (%d records)%n",
          bench.throughput(records), records);
    }
    return 0;
  }
}
