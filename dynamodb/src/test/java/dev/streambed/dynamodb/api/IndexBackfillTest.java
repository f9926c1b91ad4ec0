package dev.streambed.dynamodb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.dynamodb.DynamoDb;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonService;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.time.MutableClock;
import dev.streambed.storage.memory.MemoryStorage;
import dev.streambed.streams.Streams;
import dev.streambed.streams.StreamsConfig;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The phases of a global secondary index UpdateTable adds, seen step by step: the backfill runs
 * on an executor this test holds, so every state between the call and the finished index can be
 * looked at (the black-box tests see the same states, but cannot stop time between them).
 */
class IndexBackfillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RequestContext CONTEXT = new RequestContext("r", "us-east-1", "000000000000", "AKID", "localhost");

  private final Queue<Runnable> backfills = new ArrayDeque<>();
  private MemoryStorage storage;
  private DynamoDb dynamo;
  private JsonService api;

  @BeforeEach
  void start() throws Exception {
    storage = new MemoryStorage();
    MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    dynamo = new DynamoDb(storage, clock, new Streams(storage, clock, StreamsConfig.DEFAULTS), backfills::add);
    api = DynamoDbApi.service(dynamo);
    call("CreateTable", "{\"TableName\":\"things\",\"BillingMode\":\"PAY_PER_REQUEST\","
        + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
        + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
    for (int i = 0; i < 1200; i++) {
      call("PutItem", "{\"TableName\":\"things\",\"Item\":{\"pk\":{\"S\":\"p" + i + "\"},\"color\":{\"S\":\""
          + (i % 2 == 0 ? "red" : "blue") + "\"}}}");
    }
  }

  @AfterEach
  void stop() {
    dynamo.close();
    storage.close();
  }

  private JsonNode call(String operation, String request) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      api.operations().get(operation).handle(JSON.readTree(request), CONTEXT, g);
    }
    return JSON.readTree(out.toString());
  }

  private JsonNode addIndex(String name) throws Exception {
    return call("UpdateTable", "{\"TableName\":\"things\",\"AttributeDefinitions\":[{\"AttributeName\":\"color\","
        + "\"AttributeType\":\"S\"}],\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":\"" + name + "\","
        + "\"KeySchema\":[{\"AttributeName\":\"color\",\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}}]}");
  }

  private JsonNode index() throws Exception {
    return call("DescribeTable", "{\"TableName\":\"things\"}").at("/Table/GlobalSecondaryIndexes/0");
  }

  private JsonNode queryRed(String index) throws Exception {
    return call("Query", "{\"TableName\":\"things\",\"IndexName\":\"" + index + "\",\"KeyConditionExpression\":\"color = :c\","
        + "\"ExpressionAttributeValues\":{\":c\":{\"S\":\"red\"}},\"Select\":\"COUNT\"}");
  }

  @Test
  void anAddedIndexIsCreatingThenBackfillingThenActive() throws Exception {
    JsonNode answer = addIndex("byColor").at("/TableDescription");
    assertThat(answer.at("/TableStatus").asText()).isEqualTo("UPDATING");
    assertThat(answer.at("/GlobalSecondaryIndexes/0/IndexStatus").asText()).isEqualTo("CREATING");
    assertThat(answer.at("/GlobalSecondaryIndexes/0/Backfilling").asBoolean(true)).isFalse();

    // The table is ACTIVE again at once (waiters return), its new index still backfilling.
    assertThat(call("DescribeTable", "{\"TableName\":\"things\"}").at("/Table/TableStatus").asText()).isEqualTo("ACTIVE");
    assertThat(index().at("/IndexStatus").asText()).isEqualTo("CREATING");
    assertThat(index().at("/Backfilling").asBoolean()).isTrue();
    assertThatThrownBy(() -> queryRed("byColor")).isInstanceOfSatisfying(AwsException.class, e ->
        assertThat(e.getMessage()).isEqualTo("Cannot read from backfilling global secondary index: byColor"));
    // A write meanwhile reaches the index through its own batch.
    call("PutItem", "{\"TableName\":\"things\",\"Item\":{\"pk\":{\"S\":\"late\"},\"color\":{\"S\":\"red\"}}}");
    // A second index may not be added while this one backfills.
    assertThatThrownBy(() -> addIndex("other")).isInstanceOfSatisfying(AwsException.class, e ->
        assertThat(e.getMessage()).isEqualTo("Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"));
    assertThatThrownBy(() -> addIndex("byColor")).isInstanceOfSatisfying(AwsException.class, e ->
        assertThat(e.getMessage()).isEqualTo("Attempt to change a resource which is still in use: Index is being created."));

    backfills.remove().run();
    assertThat(index().at("/IndexStatus").asText()).isEqualTo("ACTIVE");
    assertThat(index().has("Backfilling")).isFalse();
    assertThat(index().at("/ItemCount").asLong()).isEqualTo(1201);
    assertThat(queryRed("byColor").at("/Count").asInt()).isEqualTo(601);
    assertThatThrownBy(() -> addIndex("byColor")).isInstanceOfSatisfying(AwsException.class, e ->
        assertThat(e.getMessage()).isEqualTo("Attempting to create an index which already exists"));
  }

  @Test
  void anIndexDeletedWhileItBackfillsLeavesNothingBehind() throws Exception {
    addIndex("byColor");
    JsonNode deleting = call("UpdateTable", "{\"TableName\":\"things\",\"GlobalSecondaryIndexUpdates\":[{\"Delete\":"
        + "{\"IndexName\":\"byColor\"}}]}").at("/TableDescription");
    assertThat(deleting.at("/GlobalSecondaryIndexes/0/IndexStatus").asText()).isEqualTo("DELETING");
    assertThat(deleting.at("/AttributeDefinitions").size()).isEqualTo(1);
    // The cancelled backfill runs now and writes nothing; an index of that name starts empty.
    backfills.remove().run();
    addIndex("byColor");
    assertThat(index().at("/ItemCount").asLong()).isZero();
    backfills.remove().run();
    assertThat(index().at("/ItemCount").asLong()).isEqualTo(1200);
  }

  @Test
  void aDeletedTableStopsItsBackfill() throws Exception {
    addIndex("byColor");
    call("DeleteTable", "{\"TableName\":\"things\"}");
    backfills.remove().run();
    assertThat(storage.range(new byte[] {0x03}, new byte[] {0x04}, false, 10)).isEmpty();
  }
}
