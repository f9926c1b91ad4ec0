package dev.streambed.streams;

import java.time.Duration;

/**
 * How streams are cut into shards.
 *
 * @param shardsPerStream how many shards of a stream take writes at once; partition keys are
 *     spread over them by hash, so each key's records stay in one shard, in order
 * @param rolloverPeriod how long a shard takes writes before it closes and a child shard takes
 *     over (AWS's is about four hours)
 */
public record StreamsConfig(int shardsPerStream, Duration rolloverPeriod) {
  public static final StreamsConfig DEFAULTS = new StreamsConfig(1, Duration.ofHours(4));

  public StreamsConfig {
    if (shardsPerStream < 1 || shardsPerStream > 1000) {
      throw new IllegalArgumentException("shardsPerStream must be between 1 and 1000: " + shardsPerStream);
    }
    if (rolloverPeriod.toMillis() < 1) {
      throw new IllegalArgumentException("rolloverPeriod must be positive: " + rolloverPeriod);
    }
  }
}
