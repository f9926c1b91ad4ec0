package dev.streambed.bench;

import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.proc.CpuMeter;
import dev.streambed.bench.sdk.SdkBench;
import dev.streambed.bench.sdk.SdkSettings;
import dev.streambed.bench.sdk.SdkWorkload;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Drives an endpoint with the AWS SDK for Java v2, as an application would. */
@Command(
    name = "sdk",
    mixinStandardHelpOptions = true,
    description = "Load with the AWS SDK for Java v2 (sync DynamoDbClient, Apache HTTP client).")
final class SdkCommand implements Callable<Integer> {
  @Option(names = "--endpoint", required = true, description = "e.g. http://127.0.0.1:8000")
  URI endpoint;

  @Option(names = {"-w", "--workload"}, split = ",", defaultValue = "put",
      description = "put, get, query, scan, batch-write, transact-write (comma-separated to run "
          + "several; default ${DEFAULT-VALUE})")
  List<SdkWorkload> workloads;

  @Option(names = "--item-size", defaultValue = "200", description = "item size in bytes")
  int itemSize;

  @Option(names = "--concurrency", defaultValue = "8", description = "client threads")
  int concurrency;

  @Option(names = "--count", defaultValue = "0",
      description = "operations to measure; 0 means run for --duration")
  long count;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class)
  Duration duration;

  @Option(names = "--warmup", defaultValue = "3s", converter = DurationConverter.class)
  Duration warmup;

  @Option(names = "--query-items", defaultValue = "100",
      description = "items a Query returns and a Scan page holds")
  int queryItems;

  @Option(names = "--keys", defaultValue = "1000", description = "items GetItem picks from")
  int keys;

  @Option(names = "--server-pid",
      description = "pid of the server: report its CPU time per operation (from /proc)")
  Long serverPid;

  @Override
  public Integer call() {
    SdkSettings settings =
        new SdkSettings(concurrency, itemSize, queryItems, keys, count, duration, warmup);
    int errors = 0;
    try (SdkBench bench = new SdkBench(endpoint, settings)) {
      for (SdkWorkload w : workloads) {
        RunResult r = bench.run(w, CpuMeter.forPid(serverPid));
        System.out.println(r.summary());
        errors += r.errors() > 0 ? 1 : 0;
      }
    }
    return errors == 0 ? 0 : 1;
  }
}
