package dev.streambed.bench.sdk;

import java.time.Duration;

/**
 * How an SDK run is shaped.
 *
 * @param count operations in the measured phase, or 0 to run for {@code duration}
 * @param keys how many items GetItem picks from
 */
public record SdkSettings(
    int concurrency,
    int itemSize,
    int queryItems,
    int keys,
    long count,
    Duration duration,
    Duration warmup) {}
