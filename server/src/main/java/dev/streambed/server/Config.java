package dev.streambed.server;

import dev.streambed.lambda.LambdaConfig;
import dev.streambed.streams.StreamsConfig;
import java.time.Duration;

/**
 * The one immutable configuration of a Streambed instance, filled from command-line flags and
 * {@code STREAMBED_*} environment variables.
 *
 * @param host the address to listen on
 * @param port the port; 0 picks a free one
 * @param region the region of requests that carry none in their signature
 * @param accountId the account every request acts in
 * @param maxBodyBytes the largest request body accepted, refused before it is buffered whole
 * @param streams how many shards a stream writes to at once, and how often they roll over
 * @param ttlSweepInterval how often time to live looks for expired items to delete
 * @param lambda how many environments a function may run, how long idle ones stay warm, and
 *     where Java functions run
 * @param storage where state is kept: in memory, or in a data directory
 * @param security signature checks, IAM enforcement and the front door's bounds
 */
public record Config(String host, int port, String region, String accountId, int maxBodyBytes,
    StreamsConfig streams, Duration ttlSweepInterval, LambdaConfig lambda, StorageConfig storage,
    SecurityConfig security) {
  public static final int DEFAULT_PORT = 4566;
  public static final String DEFAULT_ACCOUNT = "000000000000";
  /** DynamoDB's largest requests (BatchWriteItem, TransactWriteItems) stay under 16 MB. */
  public static final int DEFAULT_MAX_BODY = 16 * 1024 * 1024 + 64 * 1024;

  /**
   * AWS deletes expired items within days; a sweep every ten seconds keeps a laptop's tests
   * quick. Until it runs, an expired item stays readable, as on AWS.
   */
  public static final Duration DEFAULT_TTL_SWEEP = Duration.ofSeconds(10);

  public Config {
    if (ttlSweepInterval.isNegative() || ttlSweepInterval.isZero()) {
      throw new IllegalArgumentException("the time-to-live sweep interval must be positive: "
          + ttlSweepInterval);
    }
  }

  public static Config defaults() {
    return new Config("127.0.0.1", DEFAULT_PORT, "us-east-1", DEFAULT_ACCOUNT, DEFAULT_MAX_BODY,
        StreamsConfig.DEFAULTS, DEFAULT_TTL_SWEEP, LambdaConfig.DEFAULTS, StorageConfig.MEMORY,
        SecurityConfig.open(DEFAULT_MAX_BODY));
  }

  public Config withPort(int newPort) {
    return new Config(host, newPort, region, accountId, maxBodyBytes, streams, ttlSweepInterval, lambda, storage, security);
  }

  public Config withStreams(StreamsConfig newStreams) {
    return new Config(host, port, region, accountId, maxBodyBytes, newStreams, ttlSweepInterval, lambda, storage, security);
  }

  public Config withTtlSweepInterval(Duration interval) {
    return new Config(host, port, region, accountId, maxBodyBytes, streams, interval, lambda, storage, security);
  }

  public Config withLambda(LambdaConfig newLambda) {
    return new Config(host, port, region, accountId, maxBodyBytes, streams, ttlSweepInterval, newLambda, storage, security);
  }

  public Config withStorage(StorageConfig newStorage) {
    return new Config(host, port, region, accountId, maxBodyBytes, streams, ttlSweepInterval, lambda, newStorage, security);
  }

  public Config withSecurity(SecurityConfig newSecurity) {
    return new Config(host, port, region, accountId, maxBodyBytes, streams, ttlSweepInterval, lambda, storage,
        newSecurity);
  }
}
