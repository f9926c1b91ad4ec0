package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A global secondary index added to a table full of items, through the SDK: the states a user
 * polling DescribeTable sees while it backfills, the table's waiter, reads refused until the
 * index is ACTIVE, the index complete afterwards, and its deletion. (IndexBackfillTest in the
 * dynamodb module holds the backfill still to look at each state in turn.)
 */
class IndexLifecycleTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
    List<WriteRequest> batch = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("o" + i),
          "status", AttributeValue.fromS(i % 5 == 0 ? "open" : "done"), "note", AttributeValue.fromS("x".repeat(40)));
      batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      if (batch.size() == 25) {
        List<WriteRequest> full = batch;
        ddb.batchWriteItem(b -> b.requestItems(Map.of("orders", full)));
        batch = new ArrayList<>();
      }
    }
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static GlobalSecondaryIndexDescription index(TableDescription t) {
    return t.globalSecondaryIndexes().get(0);
  }

  private static long openOrders() {
    return ddb.queryPaginator(b -> b.tableName("orders").indexName("byStatus").select(Select.COUNT)
        .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("open"))))
        .stream().mapToLong(p -> p.count()).sum();
  }

  @Test
  void anIndexAddedToAFullTableBackfillsThenServesEveryItem() {
    TableDescription answer = ddb.updateTable(b -> b.tableName("orders")
        .attributeDefinitions(AttributeDefinition.builder().attributeName("status").attributeType(ScalarAttributeType.S).build())
        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byStatus")
            .keySchema(KeySchemaElement.builder().attributeName("status").keyType(KeyType.HASH).build())
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))))).tableDescription();
    assertThat(answer.tableStatusAsString()).isEqualTo("UPDATING");
    assertThat(index(answer).indexStatusAsString()).isEqualTo("CREATING");
    assertThat(index(answer).backfilling()).isFalse();

    // The table's waiter returns at once: the table is ACTIVE while its new index backfills.
    assertThat(ddb.waiter().waitUntilTableExists(b -> b.tableName("orders")).matched().response())
        .hasValueSatisfying(r -> assertThat(r.table().tableStatusAsString()).isEqualTo("ACTIVE"));

    // Polled as a user would: CREATING with Backfilling true, refusing reads, until ACTIVE.
    List<String> seen = new ArrayList<>();
    GlobalSecondaryIndexDescription now;
    int polls = 0;
    do {
      assertThat(polls++).as("DescribeTable calls before the index is ACTIVE").isLessThan(100_000);
      now = index(ddb.describeTable(b -> b.tableName("orders")).table());
      String state = now.indexStatusAsString() + "/" + now.backfilling();
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
        seen.add(state);
      }
      if (now.indexStatusAsString().equals("CREATING")) {
        assertThat(now.backfilling()).isTrue();
        // Refused while it backfills; should the backfill end between the two calls, the read
        // finds the index complete, never part of it.
        try {
          assertThat(openOrders()).isEqualTo(1000);
        } catch (DynamoDbException e) {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Cannot read from backfilling global secondary index: byStatus");
        }
      }
    } while (!now.indexStatusAsString().equals("ACTIVE"));
    assertThat(seen).last().isEqualTo("ACTIVE/null");
    assertThat(seen).isSubsetOf("CREATING/true", "ACTIVE/null");

    assertThat(now.itemCount()).isEqualTo(5000);
    // KEYS_ONLY: id+oN (2 + 2..5 bytes) and status+open/done (6 + 4) per item.
    assertThat(now.indexSizeBytes()).isEqualTo(5000L * (2 + 6 + 4) + 10 * 2 + 90 * 3 + 900 * 4 + 4000 * 5);
    assertThat(openOrders()).isEqualTo(1000);

    TableDescription deleting = ddb.updateTable(b -> b.tableName("orders")
        .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byStatus")))).tableDescription();
    assertThat(index(deleting).indexStatusAsString()).isEqualTo("DELETING");
    assertThat(deleting.attributeDefinitions()).extracting(a -> a.attributeName()).containsExactly("id");
    assertThat(ddb.describeTable(b -> b.tableName("orders")).table().hasGlobalSecondaryIndexes()).isFalse();
    assertThatThrownBy(IndexLifecycleTest::openOrders)
        .hasMessageStartingWith("The table does not have the specified index: byStatus");
  }
}
