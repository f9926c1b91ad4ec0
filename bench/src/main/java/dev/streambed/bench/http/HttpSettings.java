package dev.streambed.bench.http;

import java.time.Duration;

/**
 * How a raw HTTP run is shaped.
 *
 * @param keys how many distinct items PutItem writes and GetItem reads
 * @param skipSetup send only the workload's requests: no CreateTable, no data load
 */
public record HttpSettings(
    int connections, int itemSize, int keys, Duration duration, Duration warmup,
    boolean skipSetup) {}
