package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.Av.n;
import static dev.streambed.tests.differential.Av.s;

import dev.streambed.kernel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * Time to live settings and global secondary indexes added and deleted by UpdateTable, against
 * DynamoDB Local. Streambed reads time from a clock the test moves, so a change of a TTL setting
 * can be made an hour after the last one, as AWS requires, or deliberately sooner.
 */
class DifferentialTimeToLiveAndIndexesTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
  private static Differential d;

  @BeforeAll
  static void startBoth() {
    d = Differential.start(CLOCK);
  }

  @AfterAll
  static void stopOurs() {
    d.close();
  }

  @AfterEach
  void noDifferences() {
    d.assertNoDifferences();
  }

  private static String table(String base) {
    String name = Differential.tableName(base);
    d.step(CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()).build());
    return name;
  }

  private static UpdateTimeToLiveRequest ttl(String table, boolean enabled, String attribute) {
    return UpdateTimeToLiveRequest.builder().tableName(table)
        .timeToLiveSpecification(s -> s.enabled(enabled).attributeName(attribute)).build();
  }

  @Test
  void timeToLiveSettings() {
    String table = table("ttl");
    DescribeTimeToLiveRequest describe = DescribeTimeToLiveRequest.builder().tableName(table).build();
    d.step(describe);
    d.step(ttl(table, false, "expires"));
    d.step(ttl(table, true, "expires"));
    d.step(describe);
    d.step(ttl(table, true, "expires"));
    d.step(ttl(table, true, "other"));
    d.step(ttl(table, false, "other"));
    // Within the hour of the last change: AWS refuses any other. DynamoDB Local makes it, so its
    // setting is put back, unseen, to where AWS's stays.
    d.step(ttl(table, false, "expires"));
    d.oracle().updateTimeToLive(ttl(table, true, "expires"));
    d.step(describe);
    CLOCK.advance(Duration.ofMinutes(61));
    d.step(ttl(table, false, "expires"));
    d.step(describe);
    d.step(ttl(table, false, "expires"));
    CLOCK.advance(Duration.ofMinutes(61));
    d.step(ttl(table, true, "other"));
    d.step(describe);
    d.step(DescribeTimeToLiveRequest.builder().tableName(Differential.tableName("absent")).build());
    d.step(ttl(Differential.tableName("absent"), true, "expires"));
  }

  @Test
  void globalIndexesAddedAndDeleted() {
    String table = table("gsi-later");
    for (int i = 0; i < 40; i++) {
      d.step(PutItemRequest.builder().tableName(table).item(Av.item("pk", s("p" + i), "color",
          s(i % 3 == 0 ? "red" : "blue"), "size", n(Integer.toString(i)))).build());
    }
    UpdateTableRequest create = UpdateTableRequest.builder().tableName(table)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("color").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("size").attributeType(ScalarAttributeType.N).build())
        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("byColor")
            .keySchema(KeySchemaElement.builder().attributeName("color").keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName("size").keyType(KeyType.RANGE).build())
            .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("pk"))).build())
        .build();
    d.step(create);
    awaitIndex(table, "byColor", "ACTIVE");
    d.step(DescribeTableRequest.builder().tableName(table).build());
    QueryRequest red = QueryRequest.builder().tableName(table).indexName("byColor")
        .keyConditionExpression("color = :c").expressionAttributeValues(Map.of(":c", s("red"))).build();
    d.step(red);
    d.step(red.toBuilder().scanIndexForward(false).limit(5).build());
    // A second index on an attribute already defined, and errors: an existing name, two at once.
    d.step(create);
    d.step(UpdateTableRequest.builder().tableName(table).globalSecondaryIndexUpdates(
        GlobalSecondaryIndexUpdate.builder().delete(x -> x.indexName("absent")).build()).build());
    d.step(UpdateTableRequest.builder().tableName(table).globalSecondaryIndexUpdates(List.of(
        GlobalSecondaryIndexUpdate.builder().delete(x -> x.indexName("byColor")).build(),
        GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("bySize")
            .keySchema(KeySchemaElement.builder().attributeName("size").keyType(KeyType.HASH).build())
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))).build())).build());
    d.step(UpdateTableRequest.builder().tableName(table).globalSecondaryIndexUpdates(
        GlobalSecondaryIndexUpdate.builder().delete(x -> x.indexName("byColor")).build()).build());
    awaitIndex(table, "byColor", null);
    d.step(DescribeTableRequest.builder().tableName(table).build());
    d.step(red);
  }

  /**
   * Waits, as a user waiting for an index would, until both servers show the index in
   * {@code status} (null: gone). Streambed is polled without pause (its backfill of a few items
   * takes moments); DynamoDB Local, whose index changes settle after about half a second on a
   * timer of its own that no test can move, is polled every 20 ms.
   */
  private static void awaitIndex(String table, String index, String status) {
    await(d.ours(), table, index, status, 0);
    await(d.oracle(), table, index, status, 20);
  }

  private static void await(software.amazon.awssdk.services.dynamodb.DynamoDbClient client, String table,
      String index, String status, long pauseMillis) {
    for (int i = 0; i < 20_000; i++) {
      String shown;
      try {
        shown = client.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes().stream()
            .filter(x -> x.indexName().equals(index)).map(GlobalSecondaryIndexDescription::indexStatusAsString)
            .findFirst().orElse(null);
      } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
        // DynamoDB Local now and then answers 500 InternalFailure while its index settles.
        if (client != d.oracle() || e.statusCode() != 500) {
          throw e;
        }
        shown = "<500>";
      }
      if (java.util.Objects.equals(shown, status)) {
        return;
      }
      if (pauseMillis > 0) {
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      } else {
        Thread.onSpinWait();
      }
    }
    throw new AssertionError("index " + index + " of " + table + " never became " + status);
  }
}
