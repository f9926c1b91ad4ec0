package dev.streambed.bench.compare;

import dev.streambed.bench.http.HttpSettings;
import dev.streambed.bench.sdk.SdkSettings;
import java.time.Duration;

/** Everything a comparison does to each server. */
public record CompareSettings(
    SdkSettings sdk, HttpSettings http, int rssPuts, Duration readyTimeout) {}
