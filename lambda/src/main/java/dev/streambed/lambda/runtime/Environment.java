package dev.streambed.lambda.runtime;

/**
 * One execution environment of a function version: it runs one invocation at a time, keeps its
 * state between invocations while warm, and writes to one log stream. {@link ProcessEnvironment}
 * is a process speaking the Runtime API, as on AWS; {@link InProcessEnvironment} runs a Java
 * handler inside Streambed's JVM, in a class loader of its own.
 */
interface Environment {
  /** The log stream of this environment ({@code YYYY/MM/DD/[VERSION]} and 32 hex digits). */
  String logStream();

  /** Whether it can take another invocation. */
  boolean alive();

  /** How long its init phase took, once it is over. */
  double initDurationMs();

  /**
   * Hands it an invocation; the returned invocation's {@code done} completes when it answered
   * and its output is in, or the environment ended.
   */
  Invocation invoke(String requestId, byte[] payload, long deadlineMillis, String functionArn, String clientContext);

  /** Ends the invocation in progress (after a timeout, say) and stops the environment. */
  void kill();

  /** Peak resident memory in MB, or 0 when unknown. */
  long maxMemoryMb();
}
