package dev.streambed.bench;

import dev.streambed.bench.compare.CompareSettings;
import dev.streambed.bench.compare.ComparisonTable;
import dev.streambed.bench.compare.DynamoDbLocalCommand;
import dev.streambed.bench.compare.ServerMeasurement;
import dev.streambed.bench.compare.ServerReport;
import dev.streambed.bench.http.HttpSettings;
import dev.streambed.bench.sdk.SdkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the same workloads against DynamoDB Local and Streambed, one after the other. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Start DynamoDB Local and Streambed as child processes, one at a time, measure "
        + "time to ready, RSS, and every sdk and http workload, and print both side by side.")
final class CompareCommand implements Callable<Integer> {
  @Option(names = "--streambed-cmd",
      defaultValue = "java -jar server/target/streambed.jar start --port {port}",
      description = "command that starts Streambed; {port} is replaced by a free port "
          + "(default: ${DEFAULT-VALUE})")
  String streambedCommand;

  @Option(names = "--streambed-name", defaultValue = "Streambed",
      description = "column title for the server --streambed-cmd starts")
  String streambedName;

  @Option(names = "--skip-streambed", description = "measure DynamoDB Local only")
  boolean skipStreambed;

  @Option(names = "--ddblocal-cmd",
      description = "command that starts DynamoDB Local, with {port} "
          + "(default: the copy in bench/target/ddblocal)")
  String ddblocalCommand;

  @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
      description = "measured time of each workload")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
      description = "unmeasured load before each workload; it warms this JVM's JIT too, which "
          + "matters most for the first server measured")
  Duration warmup;

  @Option(names = "--concurrency", defaultValue = "8", description = "SDK client threads")
  int concurrency;

  @Option(names = "--connections", defaultValue = "16", description = "raw HTTP connections")
  int connections;

  @Option(names = "--item-size", defaultValue = "200")
  int itemSize;

  @Option(names = "--query-items", defaultValue = "100")
  int queryItems;

  @Option(names = "--keys", defaultValue = "1000")
  int keys;

  @Option(names = "--rss-puts", defaultValue = "20000",
      description = "PutItem calls (distinct items) before reading the server's RSS")
  int rssPuts;

  @Option(names = "--ready-timeout", defaultValue = "60s", converter = DurationConverter.class)
  Duration readyTimeout;

  @Option(names = "--log-dir", description = "where server output goes (default: a temp dir)")
  Path logDir;

  @Option(names = "--persistent",
      description = "keep both servers' data on disk: DynamoDB Local with -dbPath, Streambed with "
          + "--data-dir (RocksDB), each in a fresh directory under the log directory")
  boolean persistent;

  @Override
  public Integer call() throws IOException {
    CompareSettings settings = new CompareSettings(
        new SdkSettings(concurrency, itemSize, queryItems, keys, 0, duration, warmup),
        new HttpSettings(connections, itemSize, keys, queryItems, duration, warmup, false),
        rssPuts,
        readyTimeout);
    Path logs = logDir != null
        ? Files.createDirectories(logDir)
        : Files.createTempDirectory("streambed-bench-");
    ServerMeasurement measurement = new ServerMeasurement(settings, logs);

    String ddblocal = ddblocalCommand != null
        ? ddblocalCommand
        : DynamoDbLocalCommand.commandLine(DynamoDbLocalCommand.defaultDirectory(),
            persistent ? Files.createDirectories(logs.resolve("ddblocal-data")) : null);
    String streambed = persistent
        ? streambedCommand + " --data-dir '" + logs.resolve("streambed-data").toAbsolutePath() + "'"
        : streambedCommand;
    ServerReport base = measurement.measure("DynamoDB Local", ddblocal);
    ServerReport other = skipStreambed
        ? ServerReport.notMeasured(streambedName)
        : measurement.measure(streambedName, streambed);

    System.out.println();
    System.out.printf("Measured %s, %d cores, Java %s; %d ms per workload after %d ms warm-up, "
            + "%d SDK threads, %d raw HTTP connections, %d-byte items.%n",
        LocalDate.now(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), duration.toMillis(), warmup.toMillis(), concurrency,
        connections, itemSize);
    System.out.println();
    System.out.print(new ComparisonTable(base, other, rssPuts).render());
    return base.measured() && (skipStreambed || other.measured()) ? 0 : 1;
  }
}
