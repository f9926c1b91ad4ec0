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
 * one at a time, each after both readers saw the one before, so no record waits behind another.
 */
public final class StreamLatency {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TIMEOUT_MILLIS = 10_000;

  /** Latencies in nanoseconds from the response to the record seen, and how many were seen first. */
  public record Result(Histogram waiter, Histogram poller, int waiterBeforeResponse, int pollerBeforeResponse) {}

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
    long[] responded = new long[writes];
    long[] waiterSaw = new long[writes];
    long[] pollerSaw = new long[writes];
    Semaphore seen = new Semaphore(0);
    long start = streams.position(arn, shard, Streams.IteratorType.LATEST, null);

    Thread waiter = new Thread(() -> {
      long after = start;
      int n = 0;
      try {
        while (n < writes) {
          streams.whenReadable(arn, shard, after).get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
          long at = System.nanoTime();
          Streams.Page page = streams.read(arn, shard, after, 1000);
          for (int i = 0; i < page.records().size() && n < writes; i++) {
            waiterSaw[n++] = at;
            seen.release();
          }
          after = page.after();
        }
      } catch (Exception e) {
        throw new IllegalStateException("the in-process reader stopped", e);
      }
    }, "bench-stream-waiter");

    String iterator = iterator(arn, shard);
    Thread poller = new Thread(() -> {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String it = iterator;
      int n = 0;
      try {
        while (n < writes) {
          JsonNode page = streamsCall(http, "GetRecords", "{\"ShardIterator\":" + JSON.writeValueAsString(it) + "}");
          long at = System.nanoTime();
          for (int i = 0; i < page.get("Records").size() && n < writes; i++) {
            pollerSaw[n++] = at;
            seen.release();
          }
          it = page.get("NextShardIterator").asText();
        }
      } catch (Exception e) {
        throw new IllegalStateException("the GetRecords poller stopped", e);
      }
    }, "bench-stream-poller");
    waiter.start();
    poller.start();

    for (int i = 0; i < writes; i++) {
      String body = "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"k" + (i % 100)
          + "\"},\"v\":{\"N\":\"" + i + "\"}}}";
      BlockingExchange.Response r = BlockingExchange.send(address, raw.request("PutItem", body), TIMEOUT_MILLIS);
      responded[i] = System.nanoTime();
      if (r.status() != 200) {
        throw new IllegalStateException("PutItem answered " + r.status() + ": " + r.body());
      }
      if (!seen.tryAcquire(2, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("write " + i + " was not seen by both readers within 10 s");
      }
    }
    waiter.join(TIMEOUT_MILLIS);
    poller.join(TIMEOUT_MILLIS);

    Histogram w = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    Histogram p = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
    int wEarly = 0;
    int pEarly = 0;
    for (int i = 0; i < writes; i++) {
      // A record can be readable before its response reaches the client: that counts as 0.
      wEarly += waiterSaw[i] < responded[i] ? 1 : 0;
      pEarly += pollerSaw[i] < responded[i] ? 1 : 0;
      w.recordValue(Math.max(0, waiterSaw[i] - responded[i]));
      p.recordValue(Math.max(0, pollerSaw[i] - responded[i]));
    }
    return new Result(w, p, wEarly, pEarly);
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

  private String iterator(String arn, String shard) throws IOException, InterruptedException {
    JsonNode r = streamsCall(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), "GetShardIterator", "{\"StreamArn\":"
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
