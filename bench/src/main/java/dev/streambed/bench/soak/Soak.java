package dev.streambed.bench.soak;

import dev.streambed.server.Config;
import dev.streambed.server.StreambedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A soak run against a Streambed in this JVM: for a set duration, a mixed load through the AWS SDK
 * (writes, reads and queries of one table, whose stream has two triggers, direct invocations of a
 * function, and reads of the triggers' logs), then a report: errors by operation, heap after a
 * full GC, threads and file descriptors at the start and at the end, and the lag from each write
 * to each trigger's function logging it.
 */
public final class Soak {
  private static final String TABLE = "soak";
  /** Sort keys per partition: 50 partitions of them, so items are soon all overwritten ones. */
  private static final int KEYS = 100;
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String TRIGGER = String.join("\n",
      "def lambda_handler(event, context):",
      "    for r in event['Records']:",
      "        img = r['dynamodb'].get('NewImage')",
      "        if img:",
      "            print('seen', img['seq']['N'], img['t']['N'])",
      "    return {'batchItemFailures': []}",
      "");
  private static final String ECHO = "def lambda_handler(event, context):\n    return event\n";

  /** What a run found. */
  public record Report(Duration ran, long operations, Map<String, Long> errors, long heapStartBytes,
      long heapEndBytes, int threadsStart, int threadsEnd, long fdsStart, long fdsEnd, long writes,
      long entriesStart, long entriesEnd, Map<String, Long> unseen, Histogram lagMillis) {
    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public String summary() {
      return String.format(java.util.Locale.ROOT, "ran %ds, %d operations (%.0f/s), %d writes; errors %s; "
          + "heap after GC %.1f MB -> %.1f MB; stored entries %d -> %d (%.0f bytes of heap per entry added); "
          + "threads %d -> %d; file descriptors %d -> %d; "
          + "trigger lag p50 %d ms, p99 %d ms, max %d ms; writes not seen by a trigger %s",
          ran.toSeconds(), operations, operations / Math.max(1.0, ran.toMillis() / 1000.0), writes, errors,
          heapStartBytes / 1e6, heapEndBytes / 1e6, entriesStart, entriesEnd,
          (heapEndBytes - heapStartBytes) / (double) Math.max(1, entriesEnd - entriesStart),
          threadsStart, threadsEnd, fdsStart, fdsEnd,
          lagMillis.getValueAtPercentile(50), lagMillis.getValueAtPercentile(99), lagMillis.getMaxValue(), unseen);
    }
  }

  private final Duration duration;
  private final int iterationsPerSecond;

  /**
   * @param duration how long the mixed load runs (after a short warm-up that is not measured)
   * @param iterationsPerSecond load iterations a second; each is a write, two reads and a query,
   *     every tenth also an invocation and every twentieth a read of the logs (after the warm-up)
   */
  public Soak(Duration duration, int iterationsPerSecond) {
    this.duration = duration;
    this.iterationsPerSecond = iterationsPerSecond;
  }

  public Report run() throws InterruptedException {
    try (StreambedServer server = StreambedServer.start(Config.defaults().withPort(0));
        SdkHttpClient http = ApacheHttpClient.builder().maxConnections(8).build()) {
      URI endpoint = URI.create(server.endpoint());
      DynamoDbClient ddb = build(DynamoDbClient.builder(), endpoint, http, Region.US_EAST_1).build();
      LambdaClient lambda = build(LambdaClient.builder(), endpoint, http, Region.US_EAST_1).build();
      CloudWatchLogsClient logs = build(CloudWatchLogsClient.builder(), endpoint, http, Region.US_EAST_1).build();
      IamClient iam = build(IamClient.builder(), endpoint, http, Region.AWS_GLOBAL).build();
      setUp(ddb, lambda, iam);
      Map<String, Long> errors = new ConcurrentHashMap<>();
      long[] seq = {0};
      Map<Long, Long> written = new HashMap<>();
      // Warm-up: every path once, so that the start's figures include the pools a steady load
      // keeps; the logs are read once the triggers have logged (their groups exist from then on).
      for (int i = 0; i < 40; i++) {
        iteration(ddb, lambda, null, i, seq, written, errors);
      }
      awaitSeen(logs, written, Duration.ofSeconds(60));
      long entriesStart = entries(server);
      long heapStart = heapAfterGc();
      int threadsStart = ManagementFactory.getThreadMXBean().getThreadCount();
      long fdsStart = fds();
      long started = System.nanoTime();
      long end = started + duration.toNanos();
      long interval = 1_000_000_000L / iterationsPerSecond;
      long next = started;
      long operations = 0;
      for (int i = 0; System.nanoTime() < end; i++) {
        operations += iteration(ddb, lambda, logs, i, seq, written, errors);
        next += interval;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      Duration ran = Duration.ofNanos(System.nanoTime() - started);
      Seen seen = awaitSeen(logs, written, Duration.ofSeconds(120));
      long entriesEnd = entries(server);
      long heapEnd = heapAfterGc();
      int threadsEnd = ManagementFactory.getThreadMXBean().getThreadCount();
      long fdsEnd = fds();
      ddb.close();
      lambda.close();
      logs.close();
      iam.close();
      return new Report(ran, operations, Map.copyOf(errors), heapStart, heapEnd, threadsStart, threadsEnd,
          fdsStart, fdsEnd, written.size(), entriesStart, entriesEnd, seen.unseen(), seen.lag());
    }
  }

  private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
      & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B build(B builder, URI endpoint,
      SdkHttpClient http, Region region) {
    return builder.endpointOverride(endpoint).region(region).httpClient(http)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSOAK", "soak")))
        .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build());
  }

  private static void setUp(DynamoDbClient ddb, LambdaClient lambda, IamClient iam) {
    String streamArn = ddb.createTable(b -> b.tableName(TABLE).billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"), a -> a.attributeName("sk").attributeType("N"))
        .keySchema(k -> k.attributeName("pk").keyType("HASH"), k -> k.attributeName("sk").keyType("RANGE"))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE")))
        .tableDescription().latestStreamArn();
    String role = iam.createRole(b -> b.roleName("soak-role").assumeRolePolicyDocument(TRUST)).role().arn();
    for (String p : List.of("service-role/AWSLambdaBasicExecutionRole", "service-role/AWSLambdaDynamoDBExecutionRole")) {
      iam.attachRolePolicy(b -> b.roleName("soak-role").policyArn("arn:aws:iam::aws:policy/" + p));
    }
    for (String name : List.of("soak-trigger-1", "soak-trigger-2", "soak-echo")) {
      lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(role).timeout(30)
          .handler("lambda_function.lambda_handler")
          .code(c -> c.zipFile(SdkBytes.fromByteArray(zip(name.equals("soak-echo") ? ECHO : TRIGGER)))));
    }
    for (String name : List.of("soak-trigger-1", "soak-trigger-2")) {
      lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn).batchSize(100)
          .startingPosition(EventSourcePosition.TRIM_HORIZON));
    }
  }

  /** One iteration of the mix; returns how many operations it made. */
  private static int iteration(DynamoDbClient ddb, LambdaClient lambda, CloudWatchLogsClient logs, int i, long[] seq,
      Map<Long, Long> written, Map<String, Long> errors) {
    int ops = 0;
    String pk = "p" + (i % 50);
    long s = ++seq[0];
    long t = System.currentTimeMillis();
    ops++;
    attempt(errors, "PutItem", () -> ddb.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk),
        "sk", AttributeValue.fromN(Long.toString(s % KEYS)), "seq", AttributeValue.fromN(Long.toString(s)),
        "t", AttributeValue.fromN(Long.toString(t)), "data", AttributeValue.fromS("x".repeat(100))))));
    written.put(s, t);
    ops++;
    attempt(errors, "GetItem", () -> ddb.getItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(pk),
        "sk", AttributeValue.fromN(Long.toString(s % KEYS))))));
    ops++;
    attempt(errors, "GetItem", () -> ddb.getItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("p0"),
        "sk", AttributeValue.fromN("1"))).consistentRead(true)));
    ops++;
    attempt(errors, "Query", () -> ddb.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))).limit(25)));
    if (i % 10 == 0) {
      ops++;
      attempt(errors, "Invoke", () -> {
        var r = lambda.invoke(b -> b.functionName("soak-echo").payload(SdkBytes.fromUtf8String("{\"i\": 1}")));
        if (r.functionError() != null) {
          throw new IllegalStateException("function error: " + r.payload().asUtf8String());
        }
      });
    }
    if (i % 20 == 0 && logs != null) {
      ops++;
      attempt(errors, "FilterLogEvents", () -> logs.filterLogEvents(b -> b
          .logGroupName("/aws/lambda/soak-trigger-1").filterPattern("seen").startTime(t - 10_000).limit(100)));
    }
    return ops;
  }

  private static void attempt(Map<String, Long> errors, String operation, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      errors.merge(operation + " (" + e.getClass().getSimpleName() + ")", 1L, Long::sum);
    }
  }

  private record Seen(Map<String, Long> unseen, Histogram lag) {}

  /** Reads both triggers' logs until every write was seen by each, or the wait is over. */
  private static Seen awaitSeen(CloudWatchLogsClient logs, Map<Long, Long> written, Duration wait)
      throws InterruptedException {
    Histogram lag = new Histogram(3_600_000L, 3);
    Map<String, Long> unseen = new HashMap<>();
    long deadline = System.nanoTime() + wait.toNanos();
    for (String fn : List.of("soak-trigger-1", "soak-trigger-2")) {
      Map<Long, Long> first = new HashMap<>();
      while (true) {
        first.clear();
        String token = null;
        do {
          String t = token;
          FilterLogEventsResponse page;
          try {
            page = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/" + fn).filterPattern("seen").nextToken(t));
          } catch (RuntimeException notYet) {
            break;
          }
          for (FilteredLogEvent e : page.events()) {
            String[] w = e.message().trim().split(" ");
            if (w.length == 3 && w[0].equals("seen")) {
              first.merge(Long.parseLong(w[1]), e.timestamp() - Long.parseLong(w[2]), Math::min);
            }
          }
          token = page.nextToken();
        } while (token != null);
        if (first.keySet().containsAll(written.keySet()) || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(250);
      }
      long missing = written.keySet().stream().filter(k -> !first.containsKey(k)).count();
      unseen.put(fn, missing);
      for (Map.Entry<Long, Long> e : first.entrySet()) {
        if (written.containsKey(e.getKey())) {
          lag.recordValue(Math.max(0, Math.min(e.getValue(), 3_600_000L)));
        }
      }
    }
    return new Seen(unseen, lag);
  }

  /** How many entries the store holds: items, stream records, log events, everything. */
  private static long entries(StreambedServer server) {
    byte[] end = new byte[16];
    java.util.Arrays.fill(end, (byte) 0xff);
    return server.storage().range(new byte[0], end, false, Integer.MAX_VALUE).size();
  }

  private static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Open file descriptors of this process, from /proc/self/fd (-1 where there is none). */
  private static long fds() {
    Path dir = Path.of("/proc/self/fd");
    if (!Files.isDirectory(dir)) {
      return -1;
    }
    try (var list = Files.list(dir)) {
      return list.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] zip(String code) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry("lambda_function.py"));
      z.write(code.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
