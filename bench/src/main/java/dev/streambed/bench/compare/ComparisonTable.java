package dev.streambed.bench.compare;

import dev.streambed.bench.load.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Renders two servers' reports side by side as a Markdown table, with the ratio of the second to
 * the first for every number (for throughput higher is better, for everything else lower).
 */
public final class ComparisonTable {
  private final ServerReport base;
  private final ServerReport other;
  private final int rssPuts;
  private final List<String[]> rows = new ArrayList<>();

  public ComparisonTable(ServerReport base, ServerReport other, int rssPuts) {
    this.base = base;
    this.other = other;
    this.rssPuts = rssPuts;
  }

  public String render() {
    rows.clear();
    row("time to ready (ms)", r -> r.timeToReady().toMillis(), "%.0f");
    row("RSS at ready (MB)", r -> r.rssAtReadyKb() / 1024.0, "%.1f");
    row("RSS after " + rssPuts + " puts (MB)", r -> r.rssAfterPutsKb() / 1024.0, "%.1f");
    for (String run : runNames()) {
      runRow(run, "throughput (ops/s)", RunResult::throughput, "%.0f");
      runRow(run, "p50 (ms)", RunResult::p50Millis, "%.2f");
      runRow(run, "p99 (ms)", RunResult::p99Millis, "%.2f");
      runRow(run, "server CPU (us/op)", RunResult::serverCpuMicrosPerOp, "%.0f");
      runRow(run, "client CPU (us/op)", RunResult::clientCpuMicrosPerOp, "%.0f");
      if (value(base.run(run), RunResult::errors) > 0
          || value(other.run(run), RunResult::errors) > 0) {
        runRow(run, "errors", RunResult::errors, "%.0f");
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, "metric", base.name(), other.name(), other.name() + " / " + base.name());
    line(out, "---", "---:", "---:", "---:");
    for (String[] r : rows) {
      line(out, r[0], r[1], r[2], r[3]);
    }
    for (ServerReport r : List.of(base, other)) {
      if (!r.measured()) {
        out.append('\n').append(r.name()).append(": ").append(r.failure()).append('\n');
      }
    }
    return out.toString();
  }

  private List<String> runNames() {
    List<String> names = new ArrayList<>();
    for (ServerReport r : List.of(base, other)) {
      r.runs().stream().map(RunResult::name).filter(n -> !names.contains(n)).forEach(names::add);
    }
    return names;
  }

  private void runRow(String run, String metric, ToDoubleFunction<RunResult> f, String format) {
    rows.add(cells(run + " " + metric,
        value(base.run(run), f), value(other.run(run), f), format));
  }

  private void row(String metric, ToDoubleFunction<ServerReport> f, String format) {
    rows.add(cells(metric,
        base.measured() ? f.applyAsDouble(base) : Double.NaN,
        other.measured() ? f.applyAsDouble(other) : Double.NaN,
        format));
  }

  private static double value(Optional<RunResult> r, ToDoubleFunction<RunResult> f) {
    return r.map(f::applyAsDouble).orElse(Double.NaN);
  }

  private static String[] cells(String metric, double a, double b, String format) {
    String ratio = Double.isNaN(a) || Double.isNaN(b) || a == 0
        ? "-" : String.format(Locale.ROOT, "%.3fx", b / a);
    return new String[] {metric, number(a, format), number(b, format), ratio};
  }

  private static String number(double v, String format) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
  }

  private static void line(StringBuilder out, String... cells) {
    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }
}
