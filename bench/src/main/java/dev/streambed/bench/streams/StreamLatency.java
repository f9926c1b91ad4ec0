package dev.streambed.bench.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.bench.http.BlockingExchange;
import dev.streambed.bench.http.RawRequests;
import dev.streambed.streams.Streams;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * How long after a PutItem's response its stream record is seen: by a reader inside the process
 * that waits on {@link Streams#whenReadable} (what event source mappings do), and by a client
 * that calls GetRecords over HTTP in a loop with no pause (the best any poller can do). Writes go
 * one at a time, each after the reader saw the one before, so no record waits behind another.
 * Each reader is measured alone, after as many unmeasured writes to warm the code it runs: a
 * GetRecords loop with no pause keeps a core busy, and on a small machine a waiter measured
 * beside it would measure the wait for a free core.
 */
public final class StreamLatency {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TIMEOUT_MILLIS = 10_000;

  /** Latencies in nanoseconds from the response to the record seen, and how many were seen first. */
  public record Result(Histogram waiter, Histogram poller, int waiterBeforeResponse, int pollerBeforeResponse) {}

  /** One pass: the latencies and how many records were readable before their write's response. */
  private record Pass(Histogram latencies, int beforeResponse) {}

  /**
   * A reader of the stream, on a thread of its own: takes its position, says so ({@code ready}),
   * then stamps {@code saw[n]} and releases {@code seen} as it sees record n.
   */
  private interface Reader {
    void read(String arn, String shard, long[] saw, Runnable ready, Semaphore seen) throws Exception;
  }

  private final InetSocketAddress address;
  private final Streams streams;
  private final RawRequests raw;

  public StreamLatency(InetSocketAddress address, Streams streams) {
    this.address = address;
    this.streams = streams;
    this.raw = new RawRequests(address.getHostString() + ":" + address.getPort());
  }

  public Result run(String table, int writes) throws Exception {
    String arn = createTableWithStream(table);
    String shard = streams.describe(arn).shards().get(0).shardId();
    Reader waiter = this::waitInProcess;
    Reader poller = this::pollOverHttp;
    pass(table, arn, shard, waiter, writes);
    Pass w = pass(table, arn, shard, waiter, writes);
    pass(table, arn, shard, poller, writes);
    Pass p = pass(table, arn, shard, poller, writes);
    return new Result(w.latencies, p.latencies, w.beforeResponse, p.beforeResponse);
  }

  private Pass pass(String table, String arn, String shard, Reader reader, int writes) throws Exception {
    long[] responded = new long[writes];
    long[] saw = new long[writes];
    Semaphore seen = new Semaphore(0);
    Exception[] failed = new Exception[1];
    Semaphore ready = new Semaphore(0);
    Thread t = new Thread(() -> {
      try {
        reader.read(arn, shard, saw, ready::release, seen);
      } catch (Exception e) {
        failed[0] = e;
        seen.release(writes);
        ready.release();
      }
    }, "bench-stream-reader");
    t.start();
    // The reader has its position (LATEST) before the first write.
    if (!ready.tryAcquire(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the reader did not start within 10 s");
    }
    for (int i = 0; i < writes; i++) {
      String body = "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"k" + (i % 100)
          + "\"},\"v\":{\"N\":\"" + System.nanoTime() + "\"}}}";
      BlockingExchange.Response r = BlockingExchange.send(address, raw.request("PutItem", body), TIMEOUT_MILLIS);
      responded[i] = System.nanoTime();
      if (r.status() != 200) {
        throw new IllegalStateException("PutItem answered " + r.status() + ": " + r.body());
      }
      if (!seen.tryAcquire(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("write " + i + " was not seen within 10 s");
      }
      if (failed[0] != null) {
        throw new IllegalStateException("the reader stopped", failed[0]);
      }
    }
    t.join(TIMEOUT_MILLIS);
    Histogram h = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    int early = 0;
    for (int i = 0; i < writes; i++) {
      // A record can be readable before its response reaches the client: that counts as 0.
      early += saw[i] < responded[i] ? 1 : 0;
      h.recordValue(Math.max(0, saw[i] - responded[i]));
    }
    return new Pass(h, early);
  }

  /** Waits on the stream's wake-up, as event source mappings do. */
  private void waitInProcess(String arn, String shard, long[] saw, Runnable ready, Semaphore seen) throws Exception {
    long after = streams.position(arn, shard, Streams.IteratorType.LATEST, null);
    ready.run();
    int n = 0;
    while (n < saw.length) {
      streams.whenReadable(arn, shard, after).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      long at = System.nanoTime();
      Streams.Page page = streams.read(arn, shard, after, 1000);
      for (int i = 0; i < page.records().size() && n < saw.length; i++) {
        saw[n++] = at;
        seen.release();
      }
      after = page.after();
    }
  }

  /** Calls GetRecords over HTTP again as soon as each answer arrives. */
  private void pollOverHttp(String arn, String shard, long[] saw, Runnable ready, Semaphore seen) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String it = iterator(http, arn, shard);
    ready.run();
    int n = 0;
    while (n < saw.length) {
      JsonNode page = streamsCall(http, "GetRecords", "{\"ShardIterator\":" + JSON.writeValueAsString(it) + "}");
      long at = System.nanoTime();
      for (int i = 0; i < page.get("Records").size() && n < saw.length; i++) {
        saw[n++] = at;
        seen.release();
      }
      it = page.get("NextShardIterator").asText();
    }
  }

  private String createTableWithStream(String table) throws IOException {
    String body = "{\"TableName\":\"" + table + "\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
        + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
        + "\"BillingMode\":\"PAY_PER_REQUEST\",\"StreamSpecification\":{\"StreamEnabled\":true,"
        + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}";
    BlockingExchange.Response r = BlockingExchange.send(address, raw.request("CreateTable", body), TIMEOUT_MILLIS);
    if (r.status() != 200) {
      throw new IllegalStateException("CreateTable answered " + r.status() + ": " + r.body());
    }
    return JSON.readTree(r.body()).at("/TableDescription/LatestStreamArn").asText();
  }

  private String iterator(HttpClient http, String arn, String shard) throws IOException, InterruptedException {
    JsonNode r = streamsCall(http, "GetShardIterator", "{\"StreamArn\":"
        + JSON.writeValueAsString(arn) + ",\"ShardId\":" + JSON.writeValueAsString(shard)
        + ",\"ShardIteratorType\":\"LATEST\"}");
    return r.get("ShardIterator").asText();
  }

  private JsonNode streamsCall(HttpClient http, String operation, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/"))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "DynamoDBStreams_20120810." + operation)
        .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(operation + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }
}
