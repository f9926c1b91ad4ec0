package dev.streambed.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The controllable clock: what moving it brings happens at once, seen through the SDK as AWS would
 * show it hours or days later.
 */
class ClockTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private Streambed streambed;
  private DynamoDbClient ddb;
  private DynamoDbStreamsClient streams;

  @BeforeEach
  void start() {
    streambed = Streambed.builder().controllableClock(START).shardRollover(Duration.ofHours(1)).start();
    ddb = streambed.dynamoDb();
    streams = streambed.dynamoDbStreams();
  }

  @AfterEach
  void stop() {
    streambed.close();
  }

  @Test
  void theClockStandsStillUntilMoved() {
    assertThat(streambed.now()).isEqualTo(START);
    streambed.advance(Duration.ofMinutes(90));
    assertThat(streambed.now()).isEqualTo(START.plus(Duration.ofMinutes(90)));
    assertThat(streambed.clock().instant()).isEqualTo(streambed.now());
    assertThatThrownBy(() -> streambed.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyAControllableClockMoves() {
    try (Streambed system = Streambed.start()) {
      assertThatThrownBy(() -> system.advance(Duration.ofSeconds(1)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("controllableClock()");
    }
  }

  @Test
  void anExpiredItemIsDeletedByTimeToLiveWithItsRemoveRecord() {
    String streamArn = TestTables.withStream(ddb, "Sessions");
    ddb.updateTimeToLive(b -> b.tableName("Sessions").timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
    long expires = streambed.now().plusSeconds(60).getEpochSecond();
    Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("s1"));
    ddb.putItem(b -> b.tableName("Sessions").item(Map.of("id", AttributeValue.fromS("s1"),
        "expires", AttributeValue.fromN(Long.toString(expires)))));

    streambed.advance(Duration.ofSeconds(30));
    assertThat(ddb.getItem(b -> b.tableName("Sessions").key(key)).hasItem()).isTrue();

    streambed.advance(Duration.ofSeconds(31));
    assertThat(ddb.getItem(b -> b.tableName("Sessions").key(key)).hasItem()).isFalse();
    Record removed = records(streamArn).get(1);
    assertThat(removed.eventNameAsString()).isEqualTo("REMOVE");
    assertThat(removed.userIdentity().type()).isEqualTo("Service");
    assertThat(removed.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
  }

  @Test
  void shardsRollOverAndRecordsOlderThanADayAreTrimmed() {
    String streamArn = TestTables.withStream(ddb, "Orders");
    TestTables.put(ddb, "Orders", "1");
    assertThat(shards(streamArn)).hasSize(1);

    streambed.advance(Duration.ofHours(1));
    List<Shard> shards = shards(streamArn);
    assertThat(shards).hasSize(2);
    assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
    assertThat(shards.get(1).parentShardId()).isEqualTo(shards.get(0).shardId());
    assertThat(records(streamArn)).hasSize(1);

    streambed.advance(Duration.ofHours(24));
    assertThat(records(streamArn)).isEmpty();
  }

  @Test
  void anIteratorExpiresAfterFifteenMinutes() {
    String streamArn = TestTables.withStream(ddb, "Orders");
    String shard = shards(streamArn).get(0).shardId();
    String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
        .shardIteratorType("TRIM_HORIZON")).shardIterator();
    streambed.advance(Duration.ofMinutes(16));
    assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(iterator)))
        .isInstanceOf(ExpiredIteratorException.class);
  }

  @Test
  void logEventsPastTheirRetentionAreGone() {
    var logs = streambed.cloudWatchLogs();
    logs.createLogGroup(b -> b.logGroupName("app"));
    logs.putRetentionPolicy(b -> b.logGroupName("app").retentionInDays(1));
    logs.createLogStream(b -> b.logGroupName("app").logStreamName("s"));
    logs.putLogEvents(b -> b.logGroupName("app").logStreamName("s")
        .logEvents(InputLogEvent.builder().timestamp(streambed.now().toEpochMilli()).message("hello").build()));
    assertThat(logs.getLogEvents(b -> b.logGroupName("app").logStreamName("s")).events()).hasSize(1);

    streambed.advance(Duration.ofDays(2));
    assertThat(logs.getLogEvents(b -> b.logGroupName("app").logStreamName("s")).events()).isEmpty();
  }

  @Test
  void queueMessagesPastTheirRetentionAreGone() {
    var sqs = streambed.sqs();
    String url = sqs.createQueue(b -> b.queueName("jobs")
        .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60"))).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("job"));
    streambed.advance(Duration.ofSeconds(61));
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
  }

  @Test
  void aFunctionsLinesAreKeptWhenTheClockIsWeeksAhead() {
    streambed.advance(Duration.ofDays(30));
    TestTables.withStream(ddb, "Orders");
    DeployedFunction fn = streambed.deploy(dev.streambed.embedded.handlers.PrintChanges.class)
        .withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);
    TestTables.put(ddb, "Orders", "1");
    streambed.awaitQuiescent();
    assertThat(fn.output()).contains("INSERT 1");
  }

  private List<Shard> shards(String streamArn) {
    return streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
  }

  /** Every record of every shard the stream still lists, in shard order. */
  private List<Record> records(String streamArn) {
    List<Record> all = new java.util.ArrayList<>();
    for (Shard s : shards(streamArn)) {
      String it = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(s.shardId())
          .shardIteratorType("TRIM_HORIZON")).shardIterator();
      while (it != null) {
        String current = it;
        var page = streams.getRecords(b -> b.shardIterator(current));
        all.addAll(page.records());
        it = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    return all;
  }
}
