package dev.streambed.bench.http;

import java.time.Duration;

/**
 * How a raw HTTP run is shaped.
 *
 * @param keys how many distinct items PutItem writes and GetItem reads
 * @param queryItems how many items a Query returns and a Scan page holds
 * @param skipSetup send only the workload's requests: no CreateTable, no data load
 */
public record HttpSettings(
    int connections, int itemSize, int keys, int queryItems, Duration duration, Duration warmup,
    boolean skipSetup) {}
