package dev.streambed.server.http;

import java.time.Duration;

/**
 * What the front door bounds of what a client controls.
 *
 * @param maxBodyBytes the largest request body, refused (413) before it is buffered whole
 * @param maxHeaderBytes the largest header block; past it the request is refused and the
 *     connection closed
 * @param maxConnections connections served at once; one more is closed as soon as it is accepted
 * @param idleTimeout how long a keep-alive connection may sit with no request before it is closed
 *     (a connection waiting for a deferred answer, such as a long poll, is not idle)
 * @param requestTimeout how long a request may take to arrive whole, from its first byte; past it
 *     the client gets RequestTimeoutException (408) and the connection is closed
 * @param maxPipelined requests a client may send ahead on one connection while an earlier one
 *     waits for a deferred answer; past it, the connection is not read until they are answered
 */
public record Limits(int maxBodyBytes, int maxHeaderBytes, int maxConnections, Duration idleTimeout,
    Duration requestTimeout, int maxPipelined) {
  public static final int DEFAULT_MAX_HEADER = 64 * 1024;
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  /** AWS's load balancers close keep-alive connections idle for minutes (ELB's default is 350 s). */
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);
  /** ALB's and API Gateway's own bound on receiving a request is about a minute. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_PIPELINED = 16;

  public Limits {
    if (maxBodyBytes <= 0 || maxHeaderBytes <= 0 || maxConnections <= 0 || maxPipelined <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  public static Limits defaults(int maxBodyBytes) {
    return new Limits(maxBodyBytes, DEFAULT_MAX_HEADER, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE,
        DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_PIPELINED);
  }

  public Limits withMaxBodyBytes(int n) {
    return new Limits(n, maxHeaderBytes, maxConnections, idleTimeout, requestTimeout, maxPipelined);
  }

  public Limits withMaxConnections(int n) {
    return new Limits(maxBodyBytes, maxHeaderBytes, n, idleTimeout, requestTimeout, maxPipelined);
  }

  public Limits withIdleTimeout(Duration d) {
    return new Limits(maxBodyBytes, maxHeaderBytes, maxConnections, d, requestTimeout, maxPipelined);
  }

  public Limits withRequestTimeout(Duration d) {
    return new Limits(maxBodyBytes, maxHeaderBytes, maxConnections, idleTimeout, d, maxPipelined);
  }

  public Limits withMaxHeaderBytes(int n) {
    return new Limits(maxBodyBytes, n, maxConnections, idleTimeout, requestTimeout, maxPipelined);
  }
}
