package dev.streambed.bench.triggers;

import dev.streambed.bench.http.BlockingExchange;
import dev.streambed.bench.http.RawRequests;
import dev.streambed.lambda.Functions;
import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.server.StreambedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.HdrHistogram.Histogram;

/**
 * A stream trigger in an embedded Streambed, timed: from a PutItem's response to the handler
 * seeing the record (BatchSize 1, no batching window), and records delivered per second to a
 * handler at BatchSize 100 from a stream already holding them.
 */
public final class TriggerBench {
  private static final String ACCOUNT = "000000000000";
  private static final String REGION = "us-east-1";
  private static final int TIMEOUT_MILLIS = 30_000;
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String PYTHON = String.join("\n",
      "import time",
      "",
      "def handler(event, context):",
      "    now = time.monotonic_ns()",
      "    for r in event['Records']:",
      "        print('SEEN ' + r['dynamodb']['Keys']['pk']['S'] + ' ' + str(now))",
      "    return len(event['Records'])",
      "");

  /** Which handler: Java in Streambed's JVM, or Python through the Runtime API. */
  public enum Handler { JAVA, PYTHON }

  /** Latencies in ns from the response to the handler seeing the record, and how many came first. */
  public record Latency(Handler handler, Histogram latency, int beforeResponse) {}

  private final StreambedServer server;
  private final InetSocketAddress address;
  private final RawRequests raw;
  private final String roleArn;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public TriggerBench(StreambedServer server) {
    this.server = server;
    this.address = new InetSocketAddress("127.0.0.1", server.port());
    this.raw = new RawRequests("127.0.0.1:" + server.port());
    String name = "bench-trigger-" + UUID.randomUUID().toString().substring(0, 8);
    roleArn = server.iam().roles().create(ACCOUNT, name, "/", TRUST, null, null, List.of()).arn();
    server.iam().roles().attach(ACCOUNT, name, "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole");
  }

  /** Writes {@code writes} items one at a time, each after the handler saw the one before. */
  public Latency latency(Handler handler, int writes) throws Exception {
    String table = "bench_latency_" + handler.name().toLowerCase();
    String streamArn = createTable(table);
    String function = deploy(handler, table, Map.of());
    Map<String, Long> seen = new ConcurrentHashMap<>();
    Semaphore arrived = new Semaphore(0);
    try (AutoCloseable sub = server.logs().subscribe(new GroupRef(ACCOUNT, REGION, "/aws/lambda/" + function),
        events -> {
          for (StoredEvent e : events) {
            String[] parts = e.message().strip().split(" ");
            if (parts.length == 3 && parts[0].equals("SEEN")) {
              seen.put(parts[1], Long.parseLong(parts[2]));
              arrived.release();
            }
          }
        })) {
      trigger(function, streamArn, 1);
      // The first invocation starts the environment: not timed.
      put(table, "warm", 0);
      await(arrived, "the first record");
      Histogram h = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
      int early = 0;
      for (int i = 0; i < writes; i++) {
        String key = "k" + i;
        put(table, key, i);
        long responded = System.nanoTime();
        await(arrived, key);
        long at = seen.get(key);
        early += at < responded ? 1 : 0;
        h.recordValue(Math.max(0, at - responded));
      }
      return new Latency(handler, h, early);
    }
  }

  /** Records delivered per second to a Java handler at BatchSize 100, from a stream holding them. */
  public double throughput(int records) throws Exception {
    String table = "bench_throughput";
    String streamArn = createTable(table);
    for (int i = 0; i < records; i += 25) {
      StringBuilder body = new StringBuilder("{\"RequestItems\":{\"" + table + "\":[");
      for (int j = i; j < Math.min(records, i + 25); j++) {
        body.append(j == i ? "" : ",").append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"t").append(j)
            .append("\"},\"v\":{\"N\":\"").append(j).append("\"}}}}");
      }
      body.append("]}}");
      BlockingExchange.Response r = BlockingExchange.send(address, raw.request("BatchWriteItem", body.toString()),
          TIMEOUT_MILLIS);
      if (r.status() != 200 || r.body().contains("\"UnprocessedItems\":{\"")) {
        throw new IllegalStateException("BatchWriteItem answered " + r.status() + ": " + r.body());
      }
    }
    String function = deploy(Handler.JAVA, table + "_count", Map.of());
    AtomicLong delivered = new AtomicLong();
    AtomicLong last = new AtomicLong();
    Semaphore done = new Semaphore(0);
    try (AutoCloseable sub = server.logs().subscribe(new GroupRef(ACCOUNT, REGION, "/aws/lambda/" + function),
        events -> {
          for (StoredEvent e : events) {
            String m = e.message().strip();
            if (m.startsWith("BATCH ") && delivered.addAndGet(Long.parseLong(m.substring(6))) >= records) {
              last.set(System.nanoTime());
              done.release();
            }
          }
        })) {
      long start = System.nanoTime();
      trigger(function, streamArn, 100, "TRIM_HORIZON");
      if (!done.tryAcquire(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + delivered.get() + " of " + records + " records delivered");
      }
      return records / ((last.get() - start) / 1e9);
    }
  }

  private String deploy(Handler handler, String table, Map<String, String> environment) throws IOException {
    String name = "bench-" + table.replace('_', '-');
    boolean java = handler == Handler.JAVA;
    Map<String, String> env = new java.util.HashMap<>(environment);
    if (java) {
      env.put("STREAMBED_JAVA_RUNTIME", "in-process");
    }
    server.functions().create(ACCOUNT, REGION, new Functions.CreateRequest(name, java ? "java21" : "python3.12",
        java ? MarkHandler.class.getName() + "::handleRequest" : "bench.handler", roleArn, null, 30, 512, env,
        null, java ? javaZip() : pythonZip(), null, "Zip", null, null, false));
    return name;
  }

  private void trigger(String function, String streamArn, int batchSize) throws Exception {
    trigger(function, streamArn, batchSize, "LATEST");
  }

  private void trigger(String function, String streamArn, int batchSize, String start) throws Exception {
    String body = "{\"FunctionName\":\"" + function + "\",\"EventSourceArn\":\"" + streamArn + "\",\"BatchSize\":"
        + batchSize + ",\"StartingPosition\":\"" + start + "\",\"MaximumBatchingWindowInSeconds\":0}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
            + "/2015-03-31/event-source-mappings/")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IllegalStateException("CreateEventSourceMapping answered " + r.statusCode() + ": " + r.body());
    }
  }

  private String createTable(String table) throws IOException {
    String body = "{\"TableName\":\"" + table + "\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
        + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
        + "\"BillingMode\":\"PAY_PER_REQUEST\",\"StreamSpecification\":{\"StreamEnabled\":true,"
        + "\"StreamViewType\":\"NEW_IMAGE\"}}";
    BlockingExchange.Response r = BlockingExchange.send(address, raw.request("CreateTable", body), TIMEOUT_MILLIS);
    if (r.status() != 200) {
      throw new IllegalStateException("CreateTable answered " + r.status() + ": " + r.body());
    }
    int at = r.body().indexOf("\"LatestStreamArn\":\"") + "\"LatestStreamArn\":\"".length();
    return r.body().substring(at, r.body().indexOf('"', at));
  }

  private void put(String table, String key, int v) throws IOException {
    String body = "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"" + key + "\"},\"v\":{\"N\":\"" + v + "\"}}}";
    BlockingExchange.Response r = BlockingExchange.send(address, raw.request("PutItem", body), TIMEOUT_MILLIS);
    if (r.status() != 200) {
      throw new IllegalStateException("PutItem answered " + r.status() + ": " + r.body());
    }
  }

  private static void await(Semaphore arrived, String what) throws InterruptedException {
    if (!arrived.tryAcquire(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the handler did not see " + what + " within 30 s");
    }
  }

  private static byte[] javaZip() throws IOException {
    String path = MarkHandler.class.getName().replace('.', '/') + ".class";
    try (InputStream in = MarkHandler.class.getClassLoader().getResourceAsStream(path)) {
      return zip(path, in.readAllBytes());
    }
  }

  private static byte[] pythonZip() throws IOException {
    return zip("bench.py", PYTHON.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] zip(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(name));
      out.write(content);
      out.closeEntry();
    }
    return bytes.toByteArray();
  }
}
