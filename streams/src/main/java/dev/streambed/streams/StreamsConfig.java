package dev.streambed.streams;

import java.time.Duration;

/**
 * How streams are cut into shards, and how long their status changes take.
 *
 * @param shardsPerStream how many shards of a stream take writes at once; partition keys are
 *     spread over them by hash, so each key's records stay in one shard, in order
 * @param rolloverPeriod how long a shard takes writes before it closes and a child shard takes
 *     over (AWS's is about four hours)
 * @param statusTransition how long a stream reports {@code ENABLING} after it was enabled and
 *     {@code DISABLING} after it was disabled, before {@code ENABLED} and {@code DISABLED}. AWS
 *     takes a moment for each; zero (the default) skips the transitional states, which a client
 *     that waits for {@code ENABLED} or {@code DISABLED} never needs. The stream takes records
 *     from the moment it is enabled and none from the moment it is disabled either way.
 */
public record StreamsConfig(int shardsPerStream, Duration rolloverPeriod, Duration statusTransition) {
  public static final StreamsConfig DEFAULTS = new StreamsConfig(1, Duration.ofHours(4));

  public StreamsConfig(int shardsPerStream, Duration rolloverPeriod) {
    this(shardsPerStream, rolloverPeriod, Duration.ZERO);
  }

  public StreamsConfig {
    if (shardsPerStream < 1 || shardsPerStream > 1000) {
      throw new IllegalArgumentException("shardsPerStream must be between 1 and 1000: " + shardsPerStream);
    }
    if (rolloverPeriod.toMillis() < 1) {
      throw new IllegalArgumentException("rolloverPeriod must be positive: " + rolloverPeriod);
    }
    if (statusTransition.isNegative()) {
      throw new IllegalArgumentException("statusTransition must not be negative: " + statusTransition);
    }
  }

  public StreamsConfig withStatusTransition(Duration transition) {
    return new StreamsConfig(shardsPerStream, rolloverPeriod, transition);
  }
}
