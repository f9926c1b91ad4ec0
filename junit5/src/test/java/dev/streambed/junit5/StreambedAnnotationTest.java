package dev.streambed.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@code @Streambed}, the annotation's short name, as a user writes it: imported, with the
 * instance's class (of the same simple name) named in full. Its settings are those of
 * {@code @WithStreambed}, and so is its lifecycle.
 */
@Streambed(region = "eu-west-2", account = "444455556666", streamShards = 3, controllableClock = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreambedAnnotationTest {
  @BeforeAll
  static void setUp(DynamoDbClient ddb) {
    ddb.createTable(b -> b.tableName("Orders").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH"))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType("KEYS_ONLY")));
  }

  @Test
  @Order(1)
  void theAnnotationsSettingsAreTheInstances(dev.streambed.embedded.Streambed streambed, DynamoDbClient ddb,
      DynamoDbStreamsClient streams) {
    String streamArn = ddb.describeTable(b -> b.tableName("Orders")).table().latestStreamArn();
    assertThat(streamArn).startsWith("arn:aws:dynamodb:eu-west-2:444455556666:table/Orders/stream/");
    assertThat(streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()).hasSize(3);
    var now = streambed.now();
    streambed.advance(Duration.ofMinutes(5));
    assertThat(streambed.now()).isEqualTo(now.plus(Duration.ofMinutes(5)));
    ddb.putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS("left-over"))));
  }

  @Test
  @Order(2)
  void betweenTestsItReturnsToWhatTheClassSetUp(DynamoDbClient ddb) {
    assertThat(ddb.listTables().tableNames()).containsExactly("Orders");
    assertThat(ddb.scan(b -> b.tableName("Orders")).items()).isEmpty();
  }
}
