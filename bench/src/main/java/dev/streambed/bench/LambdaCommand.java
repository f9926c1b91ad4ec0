package dev.streambed.bench;

import dev.streambed.bench.lambda.InvokeLatency;
import dev.streambed.server.Config;
import dev.streambed.server.StreambedServer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lambda invocations in an embedded Streambed: cold start and warm latency per runtime. */
@Command(
    name = "lambda",
    mixinStandardHelpOptions = true,
    description = "Start Streambed in this JVM and measure, per runtime (Java in-process, Java in a "
        + "JVM of its own, Python, Node.js), the cold start and warm invocations one after another "
        + "through Lambda's Java API, which event source mappings use.")
final class LambdaCommand implements Callable<Integer> {
  @Option(names = "--calls", defaultValue = "2000", description = "warm invocations timed per runtime")
  int calls;

  @Option(names = "--runtimes", split = ",", defaultValue = "java-in-process,java-process,python,nodejs",
      description = "which to measure (default: ${DEFAULT-VALUE})")
  List<String> runtimes;

  @Override
  public Integer call() {
    Map<String, InvokeLatency.Subject> subjects = Map.of(
        "java-in-process", new InvokeLatency.Subject("java-in-process", "hello-world-java",
            Map.of("STREAMBED_JAVA_RUNTIME", "in-process")),
        "java-process", new InvokeLatency.Subject("java-process", "hello-world-java",
            Map.of("STREAMBED_JAVA_RUNTIME", "process")),
        "python", new InvokeLatency.Subject("python", "hello-world-python3", Map.of()),
        "nodejs", new InvokeLatency.Subject("nodejs", "hello-world-nodejs", Map.of()));
    try (StreambedServer server = StreambedServer.start(Config.defaults().withPort(0))) {
      InvokeLatency bench = new InvokeLatency(server);
      System.out.printf(Locale.ROOT, "%-16s %10s %10s %10s %10s %10s %12s%n", "runtime", "cold ms", "init ms",
          "warm p50", "warm p99", "warm max", "warm calls/s");
      for (String r : runtimes) {
        InvokeLatency.Subject s = subjects.get(r);
        if (s == null) {
          System.err.println("unknown runtime " + r + "; known: " + subjects.keySet());
          return 2;
        }
        InvokeLatency.Result x = bench.run(s, calls);
        System.out.printf(Locale.ROOT, "%-16s %10.1f %10.1f %8.3fms %8.3fms %8.3fms %12.0f%n", x.label(), x.coldMillis(),
            x.initMillis(), x.warm().getValueAtPercentile(50) / 1e6, x.warm().getValueAtPercentile(99) / 1e6,
            x.warm().getMaxValue() / 1e6, x.perSecond());
      }
    }
    return 0;
  }
}
