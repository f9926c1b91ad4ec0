package dev.streambed.bench.compare;

import dev.streambed.bench.http.HttpWorkload;
import dev.streambed.bench.http.RawHttpBench;
import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.proc.CpuMeter;
import dev.streambed.bench.proc.ProcFs;
import dev.streambed.bench.sdk.SdkBench;
import dev.streambed.bench.sdk.SdkWorkload;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Starts one server and puts it through the whole comparison: time to ready, memory after a
 * fixed load of puts, then every SDK and raw HTTP workload with its CPU measured from /proc.
 * Only one server runs at a time, so the two never compete for the machine's cores.
 */
public final class ServerMeasurement {
  private final CompareSettings settings;
  private final Path logDirectory;

  public ServerMeasurement(CompareSettings settings, Path logDirectory) {
    this.settings = settings;
    this.logDirectory = logDirectory;
  }

  public ServerReport measure(String name, String command) {
    Path log = logDirectory.resolve(name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".log");
    System.out.println("== " + name + ": " + command);
    System.out.println("   output in " + log + "; load average " + ProcFs.loadAverage());
    try (ServerProcess server = ServerProcess.start(name, command, FreePort.pick(), log)) {
      Duration ready = server.awaitReady(settings.readyTimeout());
      long rssAtReady = server.tree().rssKb();
      System.out.printf(Locale.ROOT, "   ready in %d ms (pid %d, port %d), RSS %.1f MB%n",
          ready.toMillis(), server.pid(), server.port(), rssAtReady / 1024.0);

      InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
      RawHttpBench http = new RawHttpBench(address, settings.http());
      RunResult load = http.loadGetItems(settings.rssPuts());
      long rssAfterPuts = server.tree().rssKb();
      System.out.printf(Locale.ROOT, "   RSS after %d puts of %d-byte items: %.1f MB (%s)%n",
          settings.rssPuts(), settings.http().itemSize(), rssAfterPuts / 1024.0,
          load.summary().trim());

      List<RunResult> runs = new ArrayList<>();
      URI endpoint = URI.create("http://127.0.0.1:" + server.port());
      try (SdkBench sdk = new SdkBench(endpoint, settings.sdk())) {
        for (SdkWorkload w : SdkWorkload.values()) {
          runs.add(report(sdk.run(w, new CpuMeter(server.tree()))));
        }
      }
      for (HttpWorkload w : HttpWorkload.values()) {
        runs.add(report(http.run(w, new CpuMeter(server.tree()))));
      }
      System.out.println("   load average " + ProcFs.loadAverage());
      return new ServerReport(name, ready, rssAtReady, rssAfterPuts, runs, null);
    } catch (RuntimeException e) {
      System.out.println("   FAILED: " + e.getMessage());
      return ServerReport.failed(name, String.valueOf(e.getMessage()));
    }
  }

  private static RunResult report(RunResult r) {
    System.out.println("   " + r.summary());
    return r;
  }
}
