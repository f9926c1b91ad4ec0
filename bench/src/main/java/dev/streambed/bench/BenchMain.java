package dev.streambed.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the benchmark jar. */
@Command(
    name = "streambed-bench",
    mixinStandardHelpOptions = true,
    description = "Load generators for DynamoDB-compatible servers and a side-by-side comparison "
        + "of Streambed with DynamoDB Local.",
    subcommands = {SdkCommand.class, HttpCommand.class, CompareCommand.class, StreamsCommand.class,
        LambdaCommand.class, TriggersCommand.class, EmbeddedCommand.class, FloorCommand.class,
        dev.streambed.bench.soak.SoakCommand.class})
public final class BenchMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .registerConverter(dev.streambed.bench.sdk.SdkWorkload.class, dev.streambed.bench.sdk.SdkWorkload::parse)
        .registerConverter(dev.streambed.bench.http.HttpWorkload.class, dev.streambed.bench.http.HttpWorkload::parse)
        .execute(args));
  }
}
