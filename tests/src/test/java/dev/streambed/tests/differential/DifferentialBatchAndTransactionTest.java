package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.Av.n;
import static dev.streambed.tests.differential.Av.s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem, TransactWriteItems and TransactGetItems, request for request against DynamoDB Local. */
class DifferentialBatchAndTransactionTest extends DifferentialTest {
  private static String table;

  @BeforeAll
  static void data() {
    table = table("tx", "pk", ScalarAttributeType.S, null, null);
    d.step(PutItemRequest.builder().tableName(table).item(Map.of("pk", s("alice"), "balance", n("100"))).build());
    d.step(PutItemRequest.builder().tableName(table).item(Map.of("pk", s("bob"), "balance", n("0"))).build());
    d.assertNoDifferences();
  }

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", s(pk));
  }

  private static WriteRequest put(String pk) {
    return WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s(pk), "v", n("1")))).build();
  }

  @Test
  void batchWrites() {
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      writes.add(put("b" + i));
    }
    d.step(BatchWriteItemRequest.builder().requestItems(Map.of(table, writes)).build());
    d.step(GetItemRequest.builder().tableName(table).key(key("b3")).consistentRead(true).build());
    d.step(BatchWriteItemRequest.builder().requestItems(Map.of(table, List.of(put("dup"), put("dup")))).build());
    d.step(BatchWriteItemRequest.builder().requestItems(Map.of(table, List.of(
        WriteRequest.builder().deleteRequest(r -> r.key(key("b1"))).build(), put("b1")))).build());
    d.step(BatchWriteItemRequest.builder().requestItems(Map.of(table, List.of(
        WriteRequest.builder().deleteRequest(r -> r.key(key("b2"))).build()))).build());
    d.step(GetItemRequest.builder().tableName(table).key(key("b2")).consistentRead(true).build());
    d.step(BatchWriteItemRequest.builder().requestItems(Map.of(table, List.of(
        WriteRequest.builder().putRequest(p -> p.item(Map.of("v", n("1")))).build()))).build());
  }

  @Test
  void batchLimitsAndItemCollections() {
    d.step(BatchWriteItemRequest.builder().requestItems(Map.of(table, List.of(put("fits"),
        WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("huge"), "blob", s(Av.chars(400 * 1024, 'h'))))).build())))
        .build());
    d.step(GetItemRequest.builder().tableName(table).key(key("fits")).consistentRead(true).build());
    String threads = Differential.tableName("threads");
    d.step(software.amazon.awssdk.services.dynamodb.model.CreateTableRequest.builder().tableName(threads)
        .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("forum", ScalarAttributeType.S), def("topic", ScalarAttributeType.S),
            def("posted", ScalarAttributeType.S))
        .keySchema(key("forum", software.amazon.awssdk.services.dynamodb.model.KeyType.HASH),
            key("topic", software.amazon.awssdk.services.dynamodb.model.KeyType.RANGE))
        .localSecondaryIndexes(software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex.builder()
            .indexName("byPosted").keySchema(key("forum", software.amazon.awssdk.services.dynamodb.model.KeyType.HASH),
                key("posted", software.amazon.awssdk.services.dynamodb.model.KeyType.RANGE))
            .projection(p -> p.projectionType(software.amazon.awssdk.services.dynamodb.model.ProjectionType.ALL)).build())
        .build());
    Map<String, AttributeValue> thread = Map.of("forum", s("java"), "topic", s("records"), "posted", s("2026-01"));
    d.step(TransactWriteItemsRequest.builder().returnItemCollectionMetrics("SIZE").transactItems(
        TransactWriteItem.builder().put(p -> p.tableName(threads).item(thread)).build(),
        TransactWriteItem.builder().update(u -> u.tableName(threads).key(Map.of("forum", s("rust"), "topic", s("traits")))
            .updateExpression("SET posted = :p").expressionAttributeValues(Map.of(":p", s("2026-02")))).build(),
        TransactWriteItem.builder().conditionCheck(c -> c.tableName(threads).key(Map.of("forum", s("go"), "topic", s("x")))
            .conditionExpression("attribute_not_exists(topic)")).build(),
        TransactWriteItem.builder().put(p -> p.tableName(table).item(key("tx"))).build()).build());
    d.step(BatchWriteItemRequest.builder().returnItemCollectionMetrics("SIZE").requestItems(Map.of(
        threads, List.of(WriteRequest.builder().deleteRequest(r -> r.key(Map.of("forum", s("java"), "topic", s("records")))).build(),
            WriteRequest.builder().putRequest(p -> p.item(Map.of("forum", s("java"), "topic", s("new"), "posted", s("3")))).build()),
        table, List.of(put("batch")))).build());
  }

  @Test
  void transactions() {
    d.step(TransactWriteItemsRequest.builder().transactItems(
        TransactWriteItem.builder().update(u -> u.tableName(table).key(key("alice"))
            .updateExpression("SET balance = balance - :m").conditionExpression("balance >= :m")
            .expressionAttributeValues(Map.of(":m", n("60")))).build(),
        TransactWriteItem.builder().update(u -> u.tableName(table).key(key("bob"))
            .updateExpression("SET balance = balance + :m").expressionAttributeValues(Map.of(":m", n("60")))).build())
        .build());
    d.step(TransactWriteItemsRequest.builder().transactItems(
        TransactWriteItem.builder().update(u -> u.tableName(table).key(key("alice"))
            .updateExpression("SET balance = balance - :m").conditionExpression("balance >= :m")
            .expressionAttributeValues(Map.of(":m", n("60")))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
        TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("bob"))
            .conditionExpression("attribute_exists(pk)")).build())
        .build());
    d.step(TransactWriteItemsRequest.builder().transactItems(
        TransactWriteItem.builder().put(p -> p.tableName(table).item(key("same"))).build(),
        TransactWriteItem.builder().delete(r -> r.tableName(table).key(key("same"))).build())
        .build());
    d.step(TransactGetItemsRequest.builder().transactItems(
        TransactGetItem.builder().get(g -> g.tableName(table).key(key("alice"))).build(),
        TransactGetItem.builder().get(g -> g.tableName(table).key(key("nobody"))).build(),
        TransactGetItem.builder().get(g -> g.tableName(table).key(key("bob")).projectionExpression("balance")).build())
        .build());
  }
}
