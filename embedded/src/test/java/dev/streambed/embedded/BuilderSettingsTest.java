package dev.streambed.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.embedded.handlers.CountCalls;
import dev.streambed.embedded.handlers.Gate;
import dev.streambed.embedded.handlers.Greeter;
import dev.streambed.embedded.handlers.PrintChanges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** The builder's settings beyond port, region and account, each seen where a user would see it. */
class BuilderSettingsTest {

  @Test
  void writesSyncedOnEveryWriteAreInTheDataDirectoryAfterARestart(@TempDir Path dir) {
    try (Streambed first = Streambed.builder().dataDir(dir).fsyncEveryWrite().start()) {
      TestTables.withStream(first.dynamoDb(), "Kept");
      TestTables.put(first.dynamoDb(), "Kept", "1");
    }
    try (Streambed second = Streambed.builder().dataDir(dir).fsyncEvery(Duration.ofMillis(10)).start()) {
      assertThat(second.dynamoDb().scan(b -> b.tableName("Kept")).items())
          .extracting(i -> i.get("id").s()).containsExactly("1");
    }
    assertThatThrownBy(() -> Streambed.builder().fsyncEvery(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a millisecond or more");
  }

  @Test
  void aStreamWritesToAsManyShardsAsAskedAndItsTriggerReadsThemAll() {
    try (Streambed streambed = Streambed.builder().streamShards(4).start()) {
      DynamoDbClient ddb = streambed.dynamoDb();
      String streamArn = TestTables.withStream(ddb, "Orders");
      DeployedFunction fn = streambed.deploy(PrintChanges.class).withTrigger("Orders", 100, StartingPosition.TRIM_HORIZON);
      for (int i = 0; i < 40; i++) {
        TestTables.put(ddb, "Orders", "k" + i);
      }
      streambed.awaitQuiescent();

      var shards = streambed.dynamoDbStreams().describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
      assertThat(shards).hasSize(4);
      // Forty keys spread by hash over four shards: each shard holds some.
      for (var shard : shards) {
        String it = streambed.dynamoDbStreams().getShardIterator(b -> b.streamArn(streamArn)
            .shardId(shard.shardId()).shardIteratorType("TRIM_HORIZON")).shardIterator();
        assertThat(streambed.dynamoDbStreams().getRecords(b -> b.shardIterator(it)).records())
            .as(shard.shardId()).isNotEmpty();
      }
      assertThat(fn.output()).filteredOn(l -> l.startsWith("INSERT")).hasSize(40);
    }
  }

  @Test
  void aFunctionRunsInAsManyEnvironmentsAtOnceAsTheConcurrencyAllows() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch open = new CountDownLatch(1);
    System.getProperties().put(Gate.PROPERTY, new CountDownLatch[] {entered, open});
    try (Streambed streambed = Streambed.builder().lambdaConcurrency(1).start()) {
      streambed.deploy(Gate.class);
      CompletableFuture<InvokeResponse> first = streambed.lambdaAsync().invoke(b -> b.functionName("Gate"));
      assertThat(entered.await(60, TimeUnit.SECONDS)).as("the first call reached the handler").isTrue();

      // Its one environment is busy: Lambda throttles the second call rather than queueing it.
      assertThatThrownBy(() -> streambed.lambda().invoke(b -> b.functionName("Gate")))
          .isInstanceOf(TooManyRequestsException.class).hasMessageContaining("Rate Exceeded.");

      open.countDown();
      assertThat(first.get(60, TimeUnit.SECONDS).payload().asUtf8String()).isEqualTo("\"passed\"");
      assertThat(streambed.lambda().invoke(b -> b.functionName("Gate")).payload().asUtf8String())
          .isEqualTo("\"passed\"");
    } finally {
      open.countDown();
      System.getProperties().remove(Gate.PROPERTY);
    }
  }

  @Test
  void anEnvironmentIdleLongerThanTheIdleStopStartsColdOnItsNextCall() {
    try (Streambed streambed = Streambed.builder().controllableClock().lambdaIdleStop(Duration.ofMinutes(1)).start()) {
      streambed.deploy(CountCalls.class);
      assertThat(calls(streambed)).isEqualTo("1");
      streambed.advance(Duration.ofSeconds(50));
      assertThat(calls(streambed)).as("still warm").isEqualTo("2");
      streambed.advance(Duration.ofSeconds(61));
      assertThat(calls(streambed)).as("a new environment, its class loaded again").isEqualTo("1");
    }
  }

  private static String calls(Streambed streambed) {
    return streambed.lambda().invoke(b -> b.functionName("CountCalls")).payload().asUtf8String();
  }

  @Test
  void javaZipsCanRunInAJvmOfTheirOwnWhileClasspathHandlersStayInThisOne() {
    Set<ProcessHandle> before = ProcessHandle.current().descendants().collect(Collectors.toSet());
    try (Streambed streambed = Streambed.builder().javaFunctionsInProcess(false).start()) {
      streambed.deploy(CountCalls.class);
      assertThat(calls(streambed)).isEqualTo("1");
      assertThat(started(before)).as("a classpath handler runs in this JVM").isEmpty();

      streambed.function("java17", Greeter.class.getName() + "::greet", DeployTest.classZip(Greeter.class))
          .name("zipped").deploy();
      var answer = streambed.lambda().invoke(b -> b.functionName("zipped")
          .payload(SdkBytes.fromUtf8String("{\"name\": \"Lin\"}")));
      assertThat(answer.payload().asUtf8String()).isEqualTo("\"Hello, Lin\"");
      assertThat(started(before)).as("the zip's JVM, warm after its call")
          .anyMatch(p -> p.info().command().orElse("").endsWith("java"));
    }
  }

  private static List<ProcessHandle> started(Set<ProcessHandle> before) {
    return ProcessHandle.current().descendants().filter(p -> !before.contains(p) && p.isAlive()).toList();
  }

  @Test
  void configurePointsAnyClientBuilderHere() {
    try (Streambed streambed = Streambed.builder().region("sa-east-1").start();
         DynamoDbClient own = streambed.configure(DynamoDbClient.builder())
             .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30))).build()) {
      TestTables.withStream(own, "Orders");
      own.putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS("1"))));
      assertThat(streambed.dynamoDb().describeTable(b -> b.tableName("Orders")).table().tableArn())
          .startsWith("arn:aws:dynamodb:sa-east-1:");
      assertThat(streambed.dynamoDbAsync().scan(b -> b.tableName("Orders")).join().count()).isEqualTo(1);
    }
  }
}
