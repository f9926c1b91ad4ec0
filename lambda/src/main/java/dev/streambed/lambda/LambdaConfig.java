package dev.streambed.lambda;

import dev.streambed.lambda.runtime.JavaMode;
import java.time.Duration;

/**
 * How functions run.
 *
 * @param concurrency how many environments one function version may run at once unless it
 *     reserves concurrency; past it an invocation is throttled (TooManyRequestsException). AWS's
 *     account limit of 1000 would be no limit on a laptop
 * @param idleStop how long an environment nobody invokes stays warm before it is stopped
 * @param javaMode where Java functions run unless a function chooses with
 *     {@value JavaMode#VARIABLE}
 * @param retryDelay the wait before the first retry of a failed asynchronous invocation; the
 *     second waits twice as long. AWS waits a minute, then two
 */
public record LambdaConfig(int concurrency, Duration idleStop, JavaMode javaMode, Duration retryDelay) {
  public static final Duration AWS_RETRY_DELAY = Duration.ofMinutes(1);
  public static final LambdaConfig DEFAULTS = new LambdaConfig(32, Duration.ofMinutes(5), JavaMode.PROCESS);

  public LambdaConfig {
    if (concurrency < 1 || concurrency > 10_000) {
      throw new IllegalArgumentException("concurrency must be between 1 and 10000: " + concurrency);
    }
    if (idleStop.toMillis() < 1000) {
      throw new IllegalArgumentException("idleStop must be at least a second: " + idleStop);
    }
    if (javaMode == null) {
      throw new IllegalArgumentException("javaMode must be process or in-process");
    }
    if (retryDelay == null || retryDelay.isNegative()) {
      throw new IllegalArgumentException("retryDelay must not be negative: " + retryDelay);
    }
  }

  /** With AWS's retry waits. */
  public LambdaConfig(int concurrency, Duration idleStop, JavaMode javaMode) {
    this(concurrency, idleStop, javaMode, AWS_RETRY_DELAY);
  }

  public LambdaConfig withJavaMode(JavaMode mode) {
    return new LambdaConfig(concurrency, idleStop, mode, retryDelay);
  }

  public LambdaConfig withRetryDelay(Duration delay) {
    return new LambdaConfig(concurrency, idleStop, javaMode, delay);
  }
}
