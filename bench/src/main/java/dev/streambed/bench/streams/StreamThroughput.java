package dev.streambed.bench.streams;

import dev.streambed.bench.http.BlockingExchange;
import dev.streambed.bench.http.RawHttpLoad;
import dev.streambed.bench.http.RawRequests;
import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.proc.CpuMeter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * PutItem throughput on a table without a stream and on one with a NEW_AND_OLD_IMAGES stream,
 * under the raw HTTP generator. Every put changes its item (a counter attribute grows), since a
 * put that changes nothing writes no stream record and would measure nothing.
 */
public final class StreamThroughput {
  private static final int TIMEOUT_MILLIS = 10_000;

  private final InetSocketAddress address;
  private final RawRequests raw;
  private final int connections;
  private final int keys;

  public StreamThroughput(InetSocketAddress address, int connections, int keys) {
    this.address = address;
    this.raw = new RawRequests(address.getHostString() + ":" + address.getPort());
    this.connections = connections;
    this.keys = keys;
  }

  /** Creates the table, with a stream or without. */
  public void createTable(String table, boolean stream) throws IOException {
    String body = "{\"TableName\":\"" + table + "\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
        + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
        + "\"BillingMode\":\"PAY_PER_REQUEST\""
        + (stream ? ",\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}" : "")
        + "}";
    BlockingExchange.Response r = BlockingExchange.send(address, raw.request("CreateTable", body), TIMEOUT_MILLIS);
    if (r.status() != 200) {
      throw new IllegalStateException("CreateTable answered " + r.status() + ": " + r.body());
    }
  }

  public RunResult run(String name, String table, Duration warmup, Duration duration) {
    String prefix = "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"k";
    String pad = "x".repeat(160);
    return new RawHttpLoad(address, connections).runFor(name,
        seq -> raw.request("PutItem", prefix + (seq % keys) + "\"},\"v\":{\"N\":\"" + seq
            + "\"},\"data\":{\"S\":\"" + pad + "\"}}}"),
        warmup, duration, CpuMeter.forPid(null));
  }
}
