package dev.streambed.lambda.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The log of one invocation as Lambda writes it: on a cold start {@code INIT_START} and the init
 * phase's output, then {@code START RequestId: ID Version: V}, the function's lines, AWS's
 * timeout line if it ran out of time, {@code END} and the {@code REPORT} line with Duration,
 * Billed Duration, Memory Size, Max Memory Used and, on a cold start, Init Duration.
 */
final class InvocationLog {
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private InvocationLog() {}

  /**
   * What the invocation did, once it ended or ran out of time.
   *
   * @param environmentStartedMillis when the environment started, for a cold start; 0 when warm
   * @param clock the injected clock, which times the lines
   */
  static Outcome outcome(RuntimeSpec spec, String requestId, Environment env, Invocation p,
      long environmentStartedMillis, long startMillis, long startNanos, boolean timedOut, java.time.Clock clock) {
    boolean cold = environmentStartedMillis != 0;
    long endNanos = System.nanoTime();
    long memory = env.maxMemoryMb();
    List<Outcome.Line> functionLines;
    int initCount;
    long from;
    synchronized (env) {
      functionLines = new ArrayList<>(p.lines);
      initCount = Math.min(p.initLineCount, functionLines.size());
      from = p.delivered ? Math.max(startNanos, p.deliveredNanos) : startNanos;
    }
    // The duration runs from the moment the runtime took the event; a cold start's init before.
    double durationMs = (endNanos - from) / 1_000_000.0;
    byte[] response;
    boolean error;
    List<Outcome.Line> lines = new ArrayList<>();
    if (cold) {
      // Lambda's first line in a new environment names the runtime version it runs.
      lines.add(new Outcome.Line(environmentStartedMillis, RuntimeVersions.initStart(spec.runtime(), spec.region())));
    }
    lines.addAll(functionLines.subList(0, initCount));
    long now = clock.millis();
    double initMs = cold ? env.initDurationMs() : 0;
    if (cold && from == startNanos) {
      durationMs = Math.max(0, durationMs - initMs);
    }
    // Lines are ordered by time in CloudWatch Logs: START follows the init output, precedes the rest.
    long startAt = lines.isEmpty() ? startMillis : Math.max(startMillis, lines.get(lines.size() - 1).timestamp());
    if (initCount < functionLines.size()) {
      startAt = Math.min(startAt, functionLines.get(initCount).timestamp());
    }
    lines.add(new Outcome.Line(startAt, "START RequestId: " + requestId + " Version: " + spec.version()));
    lines.addAll(functionLines.subList(initCount, functionLines.size()));
    if (timedOut) {
      String seconds = String.format(Locale.ROOT, "%.2f", (double) spec.timeoutSeconds());
      lines.add(new Outcome.Line(now, LOG_TIME.format(Instant.ofEpochMilli(now)) + " " + requestId
          + " Task timed out after " + seconds + " seconds"));
      response = ("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: " + requestId
          + " Error: Task timed out after " + seconds + " seconds\"}").getBytes(StandardCharsets.UTF_8);
      error = true;
      durationMs = spec.timeoutSeconds() * 1000.0;
    } else {
      response = p.response == null ? "null".getBytes(StandardCharsets.UTF_8) : p.response;
      error = p.error;
    }
    lines.add(new Outcome.Line(now, "END RequestId: " + requestId));
    long billed = (long) Math.ceil(durationMs + (cold ? initMs : 0));
    String report = "REPORT RequestId: " + requestId + "\tDuration: " + twoDecimals(durationMs)
        + " ms\tBilled Duration: " + Math.max(1, billed) + " ms\tMemory Size: " + spec.memoryMb()
        + " MB\tMax Memory Used: " + memory + " MB\t"
        + (cold ? "Init Duration: " + twoDecimals(initMs) + " ms\t" : "");
    lines.add(new Outcome.Line(now, report));
    return new Outcome(response, error, terminated(lines), env.logStream(), cold, durationMs, initMs, memory);
  }

  /**
   * {@code ms} with two decimals as {@code %.2f} writes it (half up, from the shortest decimal
   * that reads back as the double), without a Formatter per line.
   */
  static String twoDecimals(double ms) {
    double hundredths = ms * 100;
    double fraction = hundredths - Math.floor(hundredths);
    if (ms >= 0 && hundredths < 1e15 && Math.abs(fraction - 0.5) > 1e-6) {
      // Away from a tie, rounding the binary value rounds the decimal one the same way.
      long h = Math.round(hundredths);
      long cents = h % 100;
      return (h / 100) + (cents < 10 ? ".0" : ".") + cents;
    }
    return new java.math.BigDecimal(Double.toString(ms)).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * The lines as CloudWatch Logs holds them: each ends with its newline, as Lambda writes them
   * (recorded in test_lambda's test_invocation_with_logs), but for messages of several lines (a
   * runtime's framed message, such as Python's error report), which stay as written.
   */
  private static List<Outcome.Line> terminated(List<Outcome.Line> lines) {
    List<Outcome.Line> out = new ArrayList<>(lines.size());
    for (Outcome.Line l : lines) {
      out.add(l.message().indexOf('\n') >= 0 ? l : new Outcome.Line(l.timestamp(), l.message() + "\n"));
    }
    return List.copyOf(out);
  }
}
