package dev.streambed.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.embedded.handlers.PrintChanges;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** reset(): every service empty in milliseconds, while the endpoint and its clients stay; and snapshots. */
class ResetTest {

  @Test
  void aResetEmptiesEverythingAndKeepsTheEndpointAndItsClients() {
    try (Streambed streambed = Streambed.start()) {
      DynamoDbClient ddb = streambed.dynamoDb();
      TestTables.withStream(ddb, "Orders");
      streambed.deploy(PrintChanges.class).withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
      TestTables.put(ddb, "Orders", "1");
      streambed.awaitQuiescent();
      streambed.sqs().createQueue(b -> b.queueName("jobs"));
      int port = streambed.port();

      streambed.reset();

      assertThat(streambed.port()).isEqualTo(port);
      assertThat(streambed.dynamoDb()).isSameAs(ddb);
      assertThat(ddb.listTables().tableNames()).isEmpty();
      assertThat(streambed.lambda().listFunctions().functions()).isEmpty();
      assertThat(streambed.lambda().listEventSourceMappings().eventSourceMappings()).isEmpty();
      assertThat(streambed.iam().listRoles().roles()).isEmpty();
      assertThat(streambed.cloudWatchLogs().describeLogGroups().logGroups()).isEmpty();
      assertThat(streambed.sqs().listQueues().queueUrls()).isEmpty();
      assertThat(streambed.logLines("PrintChanges")).isEmpty();

      // The same names can be taken again at once.
      TestTables.withStream(ddb, "Orders");
      DeployedFunction again = streambed.deploy(PrintChanges.class).withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
      TestTables.put(ddb, "Orders", "2");
      streambed.awaitQuiescent();
      assertThat(again.output()).containsExactly("batch of 1 (invocation 1)", "INSERT 2");
    }
  }

  @Test
  void aSnapshotIsReturnedToWithItsTriggersWhereTheyWere() {
    try (Streambed streambed = Streambed.start()) {
      DynamoDbClient ddb = streambed.dynamoDb();
      TestTables.withStream(ddb, "Orders");
      DeployedFunction fn = streambed.deploy(PrintChanges.class).withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
      TestTables.put(ddb, "Orders", "setup");
      streambed.awaitQuiescent();
      Snapshot setUp = streambed.snapshot();
      assertThat(setUp.isEmpty()).isFalse();

      TestTables.put(ddb, "Orders", "first-test");
      streambed.awaitQuiescent();
      streambed.reset(setUp);

      assertThat(ddb.scan(b -> b.tableName("Orders")).items()).extracting(i -> i.get("id").s()).containsExactly("setup");
      assertThat(fn.output()).filteredOn(l -> l.startsWith("INSERT")).containsExactly("INSERT setup");
      TestTables.put(ddb, "Orders", "second-test");
      streambed.awaitQuiescent();
      // The trigger resumed after "setup", where it stood in the snapshot.
      assertThat(fn.output()).filteredOn(l -> l.startsWith("INSERT")).containsExactly("INSERT setup", "INSERT second-test");
    }
  }

  @Test
  void aResetKeepsTheControllableClockWhereItIs() {
    try (Streambed streambed = Streambed.builder().controllableClock().start()) {
      streambed.advance(Duration.ofHours(5));
      var now = streambed.now();
      streambed.reset();
      assertThat(streambed.now()).isEqualTo(now);
    }
  }

  @Test
  void aResetEmptiesADataDirectoryToo(@TempDir Path dir) {
    try (Streambed streambed = Streambed.builder().dataDir(dir).start()) {
      DynamoDbClient ddb = streambed.dynamoDb();
      TestTables.withStream(ddb, "Orders");
      DeployedFunction fn = streambed.deploy(PrintChanges.class).withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
      TestTables.put(ddb, "Orders", "1");
      streambed.awaitQuiescent();
      String queue = streambed.sqs().createQueue(b -> b.queueName("jobs")).queueUrl();
      streambed.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("job"));

      streambed.reset();

      assertThat(ddb.listTables().tableNames()).isEmpty();
      assertThat(streambed.lambda().listFunctions().functions()).isEmpty();
      assertThat(streambed.logLines(fn.name())).isEmpty();
      // A queue of the same name is a new one: the message sent to the old one is gone with it.
      String again = streambed.sqs().createQueue(b -> b.queueName("jobs")).queueUrl();
      assertThat(streambed.sqs().receiveMessage(b -> b.queueUrl(again)).messages()).isEmpty();
      TestTables.withStream(ddb, "Orders");
      assertThat(ddb.listTables().tableNames()).containsExactly("Orders");
    }
    // What the directory holds after the reset is only what came after it.
    try (Streambed restarted = Streambed.builder().dataDir(dir).start()) {
      assertThat(restarted.dynamoDb().listTables().tableNames()).containsExactly("Orders");
      assertThat(restarted.dynamoDb().scan(b -> b.tableName("Orders")).items()).isEmpty();
      assertThat(restarted.lambda().listFunctions().functions()).isEmpty();
      assertThat(restarted.iam().listRoles().roles()).isEmpty();
      assertThat(restarted.sqs().listQueues().queueUrls()).singleElement().asString().endsWith("/jobs");
      String url = restarted.sqs().getQueueUrl(b -> b.queueName("jobs")).queueUrl();
      assertThat(restarted.sqs().receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }
  }
}
