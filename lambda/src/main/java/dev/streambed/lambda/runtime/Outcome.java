package dev.streambed.lambda.runtime;

import java.util.List;

/**
 * What one invocation did.
 *
 * @param payload the function's response, or AWS's error payload when {@code functionError}
 * @param functionError true when the function failed (Lambda's {@code Unhandled} function error)
 * @param lines every log line of the invocation in order: output of a cold start's init,
 *     START, the function's output, END and REPORT
 * @param logStream the log stream of the environment that ran it
 * @param coldStart whether a new environment was started for it
 */
public record Outcome(byte[] payload, boolean functionError, List<Line> lines, String logStream,
    boolean coldStart, double durationMs, double initDurationMs, long maxMemoryMb) {

  /** One log line and when it was written (epoch milliseconds). */
  public record Line(long timestamp, String message) {}
}
