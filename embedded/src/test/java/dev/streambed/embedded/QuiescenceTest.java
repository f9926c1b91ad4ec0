package dev.streambed.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.embedded.handlers.AlwaysFails;
import dev.streambed.embedded.handlers.PrintChanges;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * awaitQuiescent: it returns once every trigger processed every record written so far, and when
 * one cannot, it says which, on which shard, and how far behind. Triggers that wait for time
 * (retries of failing records, batching windows) finish when the controllable clock is moved.
 */
class QuiescenceTest {
  private Streambed streambed;
  private DynamoDbClient ddb;

  @BeforeEach
  void start() {
    streambed = Streambed.builder().controllableClock().start();
    ddb = streambed.dynamoDb();
  }

  @AfterEach
  void stop() {
    streambed.close();
  }

  @Test
  void withoutTriggersThereIsNothingToWaitFor() {
    TestTables.withStream(ddb, "Orders");
    TestTables.put(ddb, "Orders", "1");
    streambed.awaitQuiescent(Duration.ZERO);
  }

  @Test
  void everyRecordWrittenSoFarIsProcessedWhenItReturns() {
    TestTables.withStream(ddb, "Orders");
    DeployedFunction fn = streambed.deploy(PrintChanges.class).withTrigger("Orders", 2, StartingPosition.TRIM_HORIZON);
    for (int i = 0; i < 7; i++) {
      TestTables.put(ddb, "Orders", "k" + i);
    }
    streambed.awaitQuiescent();
    assertThat(fn.output()).filteredOn(l -> l.startsWith("INSERT"))
        .containsExactly("INSERT k0", "INSERT k1", "INSERT k2", "INSERT k3", "INSERT k4", "INSERT k5", "INSERT k6");
  }

  @Test
  void aTriggerThatCannotFinishIsNamedWithWhereItStands() {
    String streamArn = TestTables.withStream(ddb, "Orders");
    DeployedFunction fn = streambed.deploy(AlwaysFails.class)
        .withTrigger(Trigger.on("Orders").maximumRecordAge(Duration.ofSeconds(60)));
    TestTables.put(ddb, "Orders", "1");
    TestTables.put(ddb, "Orders", "2");
    String shard = streambed.dynamoDbStreams().describeStream(b -> b.streamArn(streamArn))
        .streamDescription().shards().get(0).shardId();
    String first = streambed.dynamoDbStreams().getRecords(b -> b.shardIterator(streambed.dynamoDbStreams()
        .getShardIterator(i -> i.streamArn(streamArn).shardId(shard).shardIteratorType("TRIM_HORIZON")).shardIterator()))
        .records().get(0).dynamodb().sequenceNumber();

    // The records never age past 60 s while the clock stands still: the function fails them forever.
    assertThatThrownBy(() -> streambed.awaitQuiescent(Duration.ofMillis(300)))
        .isInstanceOf(NotQuiescentException.class)
        .hasMessageStartingWith("Triggers still busy after PT0.3S: mapping " + fn.triggers().get(0))
        .hasMessageContaining("function " + fn.arn())
        .hasMessageContaining("stream " + streamArn)
        .hasMessageContaining("shard " + shard + " processed up to ")
        .hasMessageContaining("2 records waiting from " + first);

    // Once they are older than the trigger's MaximumRecordAge, it gives them up, as Lambda does.
    streambed.advance(Duration.ofSeconds(61));
    streambed.awaitQuiescent();
    assertThat(fn.logs()).anyMatch(l -> l.startsWith("cannot handle "));
  }

  @Test
  void aBatchingWindowClosesWhenTheClockPassesIt() {
    TestTables.withStream(ddb, "Orders");
    DeployedFunction fn = streambed.deploy(PrintChanges.class)
        .withTrigger(Trigger.on("Orders").batchSize(10).batchingWindow(Duration.ofSeconds(60)));
    TestTables.put(ddb, "Orders", "1");
    TestTables.put(ddb, "Orders", "2");
    TestTables.put(ddb, "Orders", "3");

    assertThatThrownBy(() -> streambed.awaitQuiescent(Duration.ofMillis(300)))
        .isInstanceOf(NotQuiescentException.class);
    assertThat(fn.output()).isEmpty();

    streambed.advance(Duration.ofSeconds(60));
    streambed.awaitQuiescent();
    assertThat(fn.output()).containsExactly("batch of 3 (invocation 1)", "INSERT 1", "INSERT 2", "INSERT 3");
  }
}
