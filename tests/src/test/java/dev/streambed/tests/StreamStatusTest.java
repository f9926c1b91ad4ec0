package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.time.MutableClock;
import dev.streambed.server.Config;
import dev.streambed.streams.StreamsConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * StreamStatus through its transitional states, with a status transition configured: ENABLING
 * after a stream is enabled and DISABLING after it is disabled, each for the configured time,
 * as AWS reports them for the moment a change takes. Records are taken from the moment the
 * stream is enabled until the moment it is disabled, whatever the status says meanwhile.
 */
class StreamStatusTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
  private static Streambed streambed;
  private static DynamoDbClient ddb;
  private static DynamoDbStreamsClient streams;

  @BeforeAll
  static void start() {
    streambed = Streambed.start(Config.defaults().withStreams(
        new StreamsConfig(1, Duration.ofHours(4)).withStatusTransition(Duration.ofSeconds(3))), CLOCK);
    ddb = streambed.dynamoDb();
    streams = streambed.streams();
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streams.close();
    streambed.close();
  }

  private static StreamStatus status(String arn) {
    return streams.describeStream(b -> b.streamArn(arn)).streamDescription().streamStatus();
  }

  @Test
  void aStreamIsEnablingThenEnabledThenDisablingThenDisabled() {
    String arn = ddb.createTable(b -> b.tableName("transitions").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
        .tableDescription().latestStreamArn();
    assertThat(status(arn)).isEqualTo(StreamStatus.ENABLING);
    ddb.putItem(b -> b.tableName("transitions").item(Map.of("id", AttributeValue.fromS("early"))));

    CLOCK.advance(Duration.ofMillis(2999));
    assertThat(status(arn)).isEqualTo(StreamStatus.ENABLING);
    CLOCK.advance(Duration.ofMillis(1));
    assertThat(status(arn)).isEqualTo(StreamStatus.ENABLED);

    ddb.updateTable(b -> b.tableName("transitions").streamSpecification(s -> s.streamEnabled(false)));
    assertThat(status(arn)).isEqualTo(StreamStatus.DISABLING);
    ddb.putItem(b -> b.tableName("transitions").item(Map.of("id", AttributeValue.fromS("late"))));
    CLOCK.advance(Duration.ofSeconds(3));
    assertThat(status(arn)).isEqualTo(StreamStatus.DISABLED);

    String shard = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<Record> records = streams.getRecords(b -> b.shardIterator(iterator)).records();
    assertThat(records).extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("early");
  }
}
