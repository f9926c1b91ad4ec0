package dev.streambed.bench;

import dev.streambed.bench.http.HttpSettings;
import dev.streambed.bench.http.HttpWorkload;
import dev.streambed.bench.http.RawHttpBench;
import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.proc.CpuMeter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Drives an endpoint with pre-built raw HTTP requests, so that the server is the bottleneck. */
@Command(
    name = "http",
    mixinStandardHelpOptions = true,
    description = "Replay pre-built DynamoDB requests over keep-alive connections "
        + "(one outstanding request per connection, one client thread).")
final class HttpCommand implements Callable<Integer> {
  @Option(names = "--endpoint", required = true, description = "e.g. http://127.0.0.1:8000")
  URI endpoint;

  @Option(names = {"-w", "--workload"}, split = ",", defaultValue = "put",
      description = "put, get, query, scan, batch-write, transact-write (comma-separated to run "
          + "several; default ${DEFAULT-VALUE})")
  List<HttpWorkload> workloads;

  @Option(names = "--connections", defaultValue = "16", description = "keep-alive connections")
  int connections;

  @Option(names = "--item-size", defaultValue = "200", description = "item size in bytes")
  int itemSize;

  @Option(names = "--keys", defaultValue = "1000",
      description = "distinct items PutItem writes and GetItem reads")
  int keys;

  @Option(names = "--query-items", defaultValue = "100",
      description = "items a Query returns and a Scan page holds")
  int queryItems;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class)
  Duration duration;

  @Option(names = "--warmup", defaultValue = "3s", converter = DurationConverter.class)
  Duration warmup;

  @Option(names = "--skip-setup",
      description = "send only the workload's requests (no CreateTable, no data load), e.g. to "
          + "a server that already has the data, or to a stub to measure this generator's ceiling")
  boolean skipSetup;

  @Option(names = "--server-pid",
      description = "pid of the server: report its CPU time per operation (from /proc)")
  Long serverPid;

  @Override
  public Integer call() {
    if (!"http".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("only http:// endpoints are supported: " + endpoint);
    }
    int port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
    RawHttpBench bench = new RawHttpBench(
        new InetSocketAddress(endpoint.getHost(), port),
        new HttpSettings(connections, itemSize, keys, queryItems, duration, warmup, skipSetup));
    int failed = 0;
    for (HttpWorkload w : workloads) {
      RunResult r = bench.run(w, CpuMeter.forPid(serverPid));
      System.out.println(r.summary());
      failed += r.errors() > 0 ? 1 : 0;
    }
    return failed == 0 ? 0 : 1;
  }
}
