package dev.streambed.bench.http;

import dev.streambed.bench.load.ItemShape;
import dev.streambed.bench.load.RunResult;
import dev.streambed.bench.proc.CpuMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/** Drives one endpoint with raw HTTP requests: table set-up, data load, then a timed run. */
public final class RawHttpBench {
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final Pattern ACTIVE = Pattern.compile("\"TableStatus\"\\s*:\\s*\"ACTIVE\"");

  private final InetSocketAddress address;
  private final RawRequests raw;
  private final HttpSettings settings;

  public RawHttpBench(InetSocketAddress address, HttpSettings settings) {
    this.address = address;
    this.raw = new RawRequests(address.getHostString() + ":" + address.getPort());
    this.settings = settings;
  }

  public RunResult run(HttpWorkload workload, CpuMeter cpu) {
    if (!settings.skipSetup()) {
      createTable();
      if (workload == HttpWorkload.GET || workload == HttpWorkload.SCAN) {
        loadGetItems(Math.max(settings.keys(), workload == HttpWorkload.SCAN ? settings.queryItems() : 0));
      }
      if (workload == HttpWorkload.QUERY) {
        loadQueryPartition(settings.queryItems());
      }
    }
    byte[][] ring = workload.requests(raw, settings);
    return new RawHttpLoad(address, settings.connections()).runFor(
        "http " + workload.label(),
        seq -> ring[(int) (seq % ring.length)],
        settings.warmup(),
        settings.duration(),
        cpu);
  }

  /**
   * Writes {@code count} distinct items of the configured size (the keys GetItem reads), all
   * measured; used to load data and to grow a server's memory before reading its RSS.
   */
  public RunResult loadGetItems(int count) {
    createTable();
    RunResult r = new RawHttpLoad(address, settings.connections()).runCount(
        "load " + count,
        seq -> raw.putItem(ItemShape.getKey(seq), ItemShape.singleRangeKey(), settings.itemSize()),
        count,
        CpuMeter.forPid(null));
    if (r.errors() > 0) {
      throw new IllegalStateException(r.errors() + " PutItem calls failed while loading data");
    }
    return r;
  }

  /** Writes the partition Query reads: {@code count} items of the configured size. */
  private void loadQueryPartition(int count) {
    RunResult r = new RawHttpLoad(address, settings.connections()).runCount(
        "load query partition",
        seq -> raw.putItem(ItemShape.QUERY_PARTITION, ItemShape.queryRangeKey((int) seq), settings.itemSize()),
        count,
        CpuMeter.forPid(null));
    if (r.errors() > 0) {
      throw new IllegalStateException(r.errors() + " PutItem calls failed while loading data");
    }
  }

  /** Creates the table unless it exists. */
  public void createTable() {
    try {
      BlockingExchange.Response r =
          BlockingExchange.send(address, raw.createTable(), TIMEOUT_MILLIS);
      if (r.status() != 200 && !r.body().contains("ResourceInUseException")) {
        throw new IllegalStateException("CreateTable failed: HTTP " + r.status() + " " + r.body());
      }
      awaitActive();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitActive() throws IOException {
    byte[] describe =
        raw.request("DescribeTable", "{\"TableName\":" + RawRequests.json(ItemShape.TABLE) + "}");
    long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
    while (true) {
      BlockingExchange.Response r = BlockingExchange.send(address, describe, TIMEOUT_MILLIS);
      if (r.status() == 200 && ACTIVE.matcher(r.body()).find()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("table not ACTIVE: HTTP " + r.status() + " " + r.body());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
