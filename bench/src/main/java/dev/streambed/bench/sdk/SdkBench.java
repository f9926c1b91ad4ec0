package dev.streambed.bench.sdk;

import dev.streambed.bench.load.ClosedLoop;
import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.proc.CpuMeter;
import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Drives one endpoint with the AWS SDK for Java v2, one workload at a time. */
public final class SdkBench implements AutoCloseable {
  private final DynamoDbClient client;
  private final SdkSettings settings;
  private final BenchTable table;

  public SdkBench(URI endpoint, SdkSettings settings) {
    this.client = SdkClients.dynamoDb(endpoint, settings.concurrency() + 2);
    this.settings = settings;
    this.table = new BenchTable(client, settings.itemSize());
  }

  public RunResult run(SdkWorkload workload, CpuMeter cpu) {
    table.create();
    workload.prepare(table, settings);
    return new ClosedLoop(settings.concurrency()).run(
        "sdk " + workload.label(),
        workload.operation(client, settings),
        settings.warmup(),
        settings.count(),
        settings.duration(),
        cpu);
  }

  @Override
  public void close() {
    client.close();
  }
}
