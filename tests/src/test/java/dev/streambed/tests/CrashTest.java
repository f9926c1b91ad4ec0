package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Crashes: a Streambed process with a data directory, under write load with a stream and a
 * trigger, is killed with SIGKILL at random moments, again and again. After each restart every
 * acknowledged write is there with exactly one stream record, no write is half applied (an item
 * and its record are there together or not at all), and at the end the trigger has delivered
 * every record at least once, in each key's order.
 *
 * <p>{@code -Dstreambed.crash.cycles=N} runs more cycles than CI's few.
 */
class CrashTest {
  private static final int KEYS = 16;
  private static final java.util.concurrent.atomic.AtomicInteger STARTS = new java.util.concurrent.atomic.AtomicInteger();
  private static final int WRITERS = 4;
  private static final String HANDLER = String.join("\n",
      "def lambda_handler(event, context):",
      "    for r in event['Records']:",
      "        print('SEEN ' + r['dynamodb']['Keys']['id']['S'] + ' ' + r['dynamodb']['NewImage']['v']['N'])",
      "    return len(event['Records'])",
      "");

  /** A Streambed process of its own, as `./streambed start --data-dir DIR` runs it. */
  private static final class Child implements AutoCloseable {
    final Process process;
    final URI endpoint;

    Child(Path dir) throws IOException, InterruptedException {
      // The server's own jar, as ./streambed runs it (the reactor builds it before these tests).
      List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", Path.of("..", "server", "target", "streambed.jar").toString(), "start", "--port", "0",
          "--data-dir", dir.toString(), "--log-level", System.getProperty("streambed.crash.log", "warn"));
      // The server's output goes to a file of its own beside the test's reports, to explain a failure.
      Path logs = Path.of("target", "crash-logs");
      java.nio.file.Files.createDirectories(logs);
      Path log = logs.resolve("streambed-" + STARTS.incrementAndGet() + ".log");
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        String out = java.nio.file.Files.readString(log);
        int at = out.indexOf("Streambed ready on ");
        int end = at < 0 ? -1 : out.indexOf('\n', at);
        if (end > 0) {
          endpoint = URI.create(out.substring(at + "Streambed ready on ".length(), end).strip());
          return;
        }
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("Streambed did not start:\n" + out);
        }
        // Another process's output: nothing in this JVM to wake on.
        Thread.sleep(20);
      }
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static DynamoDbClient dynamoDb(URI endpoint) {
    return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCRASH", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        // A retried put could land twice around a crash and hide what this test looks for.
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }

  @Test
  void acknowledgedWritesSurviveKillsWithExactlyOneRecordAndTheTriggerDeliversThemAll(@TempDir Path dir)
      throws Exception {
    int cycles = Integer.getInteger("streambed.crash.cycles", 4);
    Random random = new Random(Long.getLong("streambed.crash.seed", System.nanoTime()));
    // Per key: the last value acknowledged, and the last one sent (acknowledged or not).
    int[] acked = new int[KEYS];
    String streamArn;
    try (Child first = new Child(dir); DynamoDbClient ddb = dynamoDb(first.endpoint);
        IamClient iam = IamClient.builder().endpointOverride(first.endpoint).region(Region.AWS_GLOBAL)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCRASH", "secret")))
            .httpClient(UrlConnectionHttpClient.create()).build();
        LambdaClient lambda = LambdaFunctionsTest.lambda(first.endpoint)) {
      streamArn = ddb.createTable(b -> b.tableName("crashing").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
          .keySchema(k -> k.attributeName("id").keyType("HASH"))
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
          .tableDescription().latestStreamArn();
      String role = iam.createRole(b -> b.roleName("crash-role").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
          .role().arn();
      iam.attachRolePolicy(b -> b.roleName("crash-role")
          .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"));
      lambda.createFunction(b -> b.functionName("crash-fn").runtime(Runtime.PYTHON3_12).role(role)
          .handler("lambda_function.lambda_handler")
          .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py", HANDLER)))));
      lambda.createEventSourceMapping(b -> b.functionName("crash-fn").eventSourceArn(streamArn)
          .startingPosition("TRIM_HORIZON").batchSize(20));
      // A clean stop once, so the set-up is certainly in place before the crashes begin.
    }

    for (int cycle = 0; cycle < cycles; cycle++) {
      Child child = new Child(dir);
      try (DynamoDbClient ddb = dynamoDb(child.endpoint); DynamoDbStreamsClient streams = streams(child.endpoint)) {
        int[] stored = checkItemsAndRecords(ddb, streams, streamArn, acked);
        AtomicIntegerArray ack = new AtomicIntegerArray(stored);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          running.add(writers.submit(() -> write(ddb, writer, ack, stop)));
        }
        Thread.sleep(300 + random.nextInt(1200));
        child.kill();
        stop.set(true);
        for (Future<?> f : running) {
          f.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();
        for (int k = 0; k < KEYS; k++) {
          acked[k] = ack.get(k);
        }
      } finally {
        child.kill();
      }
    }

    try (Child last = new Child(dir); DynamoDbClient ddb = dynamoDb(last.endpoint);
        DynamoDbStreamsClient streams = streams(last.endpoint);
        CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(last.endpoint).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCRASH", "secret")))
            .httpClient(UrlConnectionHttpClient.create()).build()) {
      int[] finalValues = checkItemsAndRecords(ddb, streams, streamArn, acked);
      int total = 0;
      for (int v : finalValues) {
        total += v;
      }
      assertThat(total).as("writes acknowledged over all cycles").isPositive();
      checkDeliveries(logs, finalValues);
    }
  }

  private static DynamoDbStreamsClient streams(URI endpoint) {
    return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCRASH", "secret")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  /** Writes v = 1, 2, 3, ... to each of this writer's keys until stopped or the server is gone. */
  private static Void write(DynamoDbClient ddb, int writer, AtomicIntegerArray ack, AtomicBoolean stop) {
    while (!stop.get()) {
      for (int k = writer; k < KEYS; k += WRITERS) {
        int next = ack.get(k) + 1;
        String id = "key" + k;
        try {
          ddb.putItem(b -> b.tableName("crashing").item(Map.of("id", AttributeValue.fromS(id),
              "v", AttributeValue.fromN(Integer.toString(next)))));
        } catch (RuntimeException gone) {
          // The process was killed: this write may or may not have been applied.
          return null;
        }
        ack.set(k, next);
      }
    }
    return null;
  }

  /**
   * Every acknowledged write is there, and each key's stream records are exactly its values 1..v
   * in order: one record a write, none for a write that was not applied. Returns the values.
   */
  private static int[] checkItemsAndRecords(DynamoDbClient ddb, DynamoDbStreamsClient streams, String arn, int[] acked) {
    int[] stored = new int[KEYS];
    Map<String, List<Integer>> records = new HashMap<>();
    var shards = new ArrayList<>(streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards());
    for (var shard : shards) {
      String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (it != null) {
        String at = it;
        var page = streams.getRecords(b -> b.shardIterator(at));
        page.records().forEach(r -> records.computeIfAbsent(r.dynamodb().keys().get("id").s(), x -> new ArrayList<>())
            .add(Integer.parseInt(r.dynamodb().newImage().get("v").n())));
        it = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    for (int k = 0; k < KEYS; k++) {
      String id = "key" + k;
      var item = ddb.getItem(b -> b.tableName("crashing").key(Map.of("id", AttributeValue.fromS(id)))).item();
      int v = item.isEmpty() ? 0 : Integer.parseInt(item.get("v").n());
      // The one write in flight when the process died may have been applied, or not.
      assertThat(v).as(id + ": acknowledged " + acked[k]).isBetween(acked[k], acked[k] + 1);
      List<Integer> expected = new ArrayList<>();
      for (int i = 1; i <= v; i++) {
        expected.add(i);
      }
      assertThat(records.getOrDefault(id, List.of())).as(id + "'s stream records").isEqualTo(expected);
      stored[k] = v;
    }
    return stored;
  }

  /**
   * The function's log, environment by environment in the order they started: every value of
   * every key delivered at least once, and each key's values in order (a value is followed by the
   * next one or, when a batch is delivered again after a crash, by one already seen).
   */
  private static void checkDeliveries(CloudWatchLogsClient logs, int[] finalValues) throws Exception {
    String group = "/aws/lambda/crash-fn";
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Map<String, List<Integer>> seen;
    while (true) {
      seen = new HashMap<>();
      List<LogStream> envs = new ArrayList<>();
      try {
        envs.addAll(logs.describeLogStreams(b -> b.logGroupName(group)).logStreams());
      } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException notYet) {
        // The group appears with the function's first invocation.
      }
      envs.sort(Comparator.comparing(LogStream::creationTime));
      for (LogStream env : envs) {
        String token = null;
        while (true) {
          String from = token;
          var page = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(env.logStreamName()).startFromHead(true)
              .nextToken(from));
          for (var e : page.events()) {
            if (e.message().startsWith("SEEN ")) {
              String[] parts = e.message().strip().split(" ");
              seen.computeIfAbsent(parts[1], x -> new ArrayList<>()).add(Integer.parseInt(parts[2]));
            }
          }
          if (page.nextForwardToken().equals(from) || page.events().isEmpty()) {
            break;
          }
          token = page.nextForwardToken();
        }
      }
      if (allDelivered(seen, finalValues) || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(200);
    }
    for (int k = 0; k < KEYS; k++) {
      String id = "key" + k;
      List<Integer> values = seen.getOrDefault(id, List.of());
      int highest = 0;
      for (int v : values) {
        assertThat(v).as(id + " delivered " + values).isLessThanOrEqualTo(highest + 1);
        highest = Math.max(highest, v);
      }
      assertThat(highest).as(id + " delivered " + values).isEqualTo(finalValues[k]);
    }
  }

  private static boolean allDelivered(Map<String, List<Integer>> seen, int[] finalValues) {
    for (int k = 0; k < KEYS; k++) {
      List<Integer> values = seen.getOrDefault("key" + k, List.of());
      if (finalValues[k] > 0 && !values.contains(finalValues[k])) {
        return false;
      }
    }
    return true;
  }
}
