package dev.streambed.bench.compare;

import dev.streambed.bench.load.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What was measured on one server: start-up, memory and every workload; or why it could not be.
 *
 * @param rssAfterPutsKb resident memory after the RSS load ({@code rssPuts} PutItem calls)
 */
public record ServerReport(
    String name,
    Duration timeToReady,
    long rssAtReadyKb,
    long rssAfterPutsKb,
    List<RunResult> runs,
    String failure) {

  public static ServerReport failed(String name, String why) {
    return new ServerReport(name, null, -1, -1, List.of(), why);
  }

  public static ServerReport notMeasured(String name) {
    return failed(name, "not measured");
  }

  public boolean measured() {
    return failure == null;
  }

  public Optional<RunResult> run(String runName) {
    return runs.stream().filter(r -> r.name().equals(runName)).findFirst();
  }
}
