package dev.streambed.bench;

import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.streams.StreamLatency;
import dev.streambed.bench.streams.StreamThroughput;
import dev.streambed.server.Config;
import dev.streambed.server.StreambedServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * DynamoDB Streams in an embedded Streambed: how soon a write's record is seen, and what a stream
 * costs PutItem throughput.
 */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description = "Start Streambed in this JVM and measure (1) the time from a PutItem's response "
        + "to its stream record seen by an in-process waiter and by a GetRecords poller, and (2) "
        + "PutItem throughput with and without a stream, under the raw HTTP generator.")
final class StreamsCommand implements Callable<Integer> {
  @Option(names = "--writes", defaultValue = "2000", description = "writes timed for latency")
  int writes;

  @Option(names = "--connections", defaultValue = "16", description = "keep-alive connections for throughput")
  int connections;

  @Option(names = "--keys", defaultValue = "1000", description = "distinct items the throughput puts cycle over")
  int keys;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class)
  Duration duration;

  @Option(names = "--warmup", defaultValue = "3s", converter = DurationConverter.class)
  Duration warmup;

  @Option(names = "--rounds", defaultValue = "2",
      description = "throughput runs of each table, alternated, so that neither gets the warmer JVM")
  int rounds;

  @Override
  public Integer call() throws Exception {
    try (StreambedServer server = StreambedServer.start(Config.defaults().withPort(0))) {
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());

      StreamLatency.Result latency = new StreamLatency(address, server.streams()).run("bench_latency", writes);
      System.out.println("Stream latency, PutItem response to record seen, " + writes + " writes:");
      System.out.println(line("in-process waiter", latency.waiter(), latency.waiterBeforeResponse()));
      System.out.println(line("GetRecords poller", latency.poller(), latency.pollerBeforeResponse()));

      StreamThroughput throughput = new StreamThroughput(address, connections, keys);
      throughput.createTable("bench_plain", false);
      throughput.createTable("bench_streamed", true);
      double plain = 0;
      double streamed = 0;
      System.out.println("PutItem throughput, " + connections + " connections:");
      for (int round = 0; round < rounds; round++) {
        RunResult p = throughput.run("no stream", "bench_plain", warmup, duration);
        RunResult s = throughput.run("stream", "bench_streamed", warmup, duration);
        System.out.println("  " + p.summary());
        System.out.println("  " + s.summary());
        if (p.errors() > 0 || s.errors() > 0) {
          return 1;
        }
        plain += p.throughput();
        streamed += s.throughput();
      }
      System.out.printf(Locale.ROOT, "  with a stream: %.1f%% of the throughput without%n", 100 * streamed / plain);
    }
    return 0;
  }

  private static String line(String name, Histogram h, int early) {
    return String.format(Locale.ROOT, "  %-18s p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms  (%d seen before the response)",
        name, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, early);
  }
}
