package dev.streambed.tests;

import static dev.streambed.tests.ReadOptionsTest.def;
import static dev.streambed.tests.ReadOptionsTest.hash;
import static dev.streambed.tests.ReadOptionsTest.range;
import static dev.streambed.tests.ReadOptionsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The limits and per-table options of batches and transactions through the SDK: BatchGetItem's
 * 16 MB answer with the rest in UnprocessedKeys, a projection per table, BatchWriteItem's item
 * size, and the ItemCollectionMetrics of writes to tables with local secondary indexes.
 */
class BatchLimitsTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    for (String t : List.of("large", "people", "pets")) {
      ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(def("id", ScalarAttributeType.S)).keySchema(hash("id")));
    }
    ddb.createTable(b -> b.tableName("threads").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("forum", ScalarAttributeType.S), def("topic", ScalarAttributeType.S),
            def("posted", ScalarAttributeType.S))
        .keySchema(hash("forum"), range("topic"))
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byPosted").keySchema(hash("forum"), range("posted"))
            .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static Map<String, AttributeValue> id(String id) {
    return Map.of("id", s(id));
  }

  @Test
  void batchGetItemAnswersAtMost16MegabytesAndLeavesTheRestUnprocessed() {
    String blob = "b".repeat(390 * 1024);
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int n = i;
      ddb.putItem(b -> b.tableName("large").item(Map.of("id", s("big" + n), "blob", s(blob))));
      keys.add(id("big" + i));
    }
    BatchGetItemResponse first = ddb.batchGetItem(b -> b.requestItems(Map.of("large",
        KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
    int answered = first.responses().get("large").size();
    long bytes = first.responses().get("large").stream().mapToLong(i -> 2 + i.get("id").s().length() + 4 + blob.length()).sum();
    assertThat(bytes).isLessThanOrEqualTo(16L * 1024 * 1024);
    assertThat(answered).isBetween(40, 42);
    KeysAndAttributes rest = first.unprocessedKeys().get("large");
    assertThat(rest.keys()).hasSize(60 - answered);
    // The unprocessed keys keep the request's options, so they can be sent again as they are.
    assertThat(rest.consistentRead()).isTrue();

    Set<String> seen = new HashSet<>();
    first.responses().get("large").forEach(i -> assertThat(seen.add(i.get("id").s())).isTrue());
    Map<String, KeysAndAttributes> next = first.unprocessedKeys();
    while (!next.isEmpty()) {
      Map<String, KeysAndAttributes> ask = next;
      BatchGetItemResponse page = ddb.batchGetItem(b -> b.requestItems(ask));
      page.responses().getOrDefault("large", List.of()).forEach(i -> assertThat(seen.add(i.get("id").s())).isTrue());
      next = page.unprocessedKeys();
    }
    assertThat(seen).hasSize(60);
  }

  @Test
  void batchGetItemProjectsEachTableAsItsRequestSays() {
    ddb.putItem(b -> b.tableName("people").item(Map.of("id", s("ann"), "name", s("Ann"), "year", s("1990"),
        "address", AttributeValue.fromM(Map.of("city", s("Oslo"), "street", s("Main"))))));
    ddb.putItem(b -> b.tableName("pets").item(Map.of("id", s("rex"), "kind", s("dog"), "owner", s("ann"))));
    BatchGetItemResponse r = ddb.batchGetItem(b -> b.requestItems(Map.of(
        "people", KeysAndAttributes.builder().keys(id("ann")).projectionExpression("#y, address.city")
            .expressionAttributeNames(Map.of("#y", "year")).build(),
        "pets", KeysAndAttributes.builder().keys(id("rex")).attributesToGet("kind").build())));
    assertThat(r.responses().get("people")).containsExactly(Map.of("year", s("1990"),
        "address", AttributeValue.fromM(Map.of("city", s("Oslo")))));
    assertThat(r.responses().get("pets")).containsExactly(Map.of("kind", s("dog")));
    assertThatThrownBy(() -> ddb.batchGetItem(b -> b.requestItems(Map.of(
        "pets", KeysAndAttributes.builder().keys(id("rex")).projectionExpression("kind")
            .expressionAttributeNames(Map.of("#unused", "x")).build()))))
        .hasMessageStartingWith("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
  }

  @Test
  void batchWriteItemRefusesAnItemOver400KilobytesAndWritesNothing() {
    Map<String, AttributeValue> huge = Map.of("id", s("huge"), "blob", s("h".repeat(400 * 1024)));
    assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("pets", List.of(
        WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s("small")))).build(),
        WriteRequest.builder().putRequest(p -> p.item(huge)).build())))))
        .hasMessageStartingWith("Item size has exceeded the maximum allowed size");
    assertThat(ddb.getItem(b -> b.tableName("pets").key(id("small"))).hasItem()).isFalse();
  }

  @Test
  void writesToTablesWithLocalIndexesReportTheirItemCollections() {
    Map<String, AttributeValue> thread = Map.of("forum", s("java"), "topic", s("records"), "posted", s("2026-01"));
    var tx = ddb.transactWriteItems(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE).transactItems(
        TransactWriteItem.builder().put(p -> p.tableName("threads").item(thread)).build(),
        TransactWriteItem.builder().update(u -> u.tableName("threads")
            .key(Map.of("forum", s("rust"), "topic", s("traits"))).updateExpression("SET posted = :p")
            .expressionAttributeValues(Map.of(":p", s("2026-02")))).build(),
        TransactWriteItem.builder().conditionCheck(c -> c.tableName("threads")
            .key(Map.of("forum", s("go"), "topic", s("none"))).conditionExpression("attribute_not_exists(topic)")).build(),
        TransactWriteItem.builder().put(p -> p.tableName("pets").item(id("tx"))).build()));
    // Only tables with local secondary indexes have item collections; a ConditionCheck writes none.
    assertThat(tx.itemCollectionMetrics()).containsOnlyKeys("threads");
    assertThat(tx.itemCollectionMetrics().get("threads")).extracting(m -> m.itemCollectionKey().get("forum").s())
        .containsExactlyInAnyOrder("java", "rust");
    assertThat(tx.itemCollectionMetrics().get("threads")).allSatisfy(m ->
        assertThat(m.sizeEstimateRangeGB()).containsExactly(0.0, 1.0));
    assertThat(ddb.transactWriteItems(b -> b.transactItems(
        TransactWriteItem.builder().put(p -> p.tableName("threads").item(thread)).build())).hasItemCollectionMetrics()).isFalse();

    var batch = ddb.batchWriteItem(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE).requestItems(Map.of(
        "threads", List.of(WriteRequest.builder().deleteRequest(d -> d.key(Map.of("forum", s("java"), "topic", s("records")))).build()),
        "pets", List.of(WriteRequest.builder().putRequest(p -> p.item(id("batch"))).build()))));
    assertThat(batch.itemCollectionMetrics()).containsOnlyKeys("threads");
    ItemCollectionMetrics metrics = batch.itemCollectionMetrics().get("threads").get(0);
    assertThat(metrics.itemCollectionKey()).isEqualTo(Map.of("forum", s("java")));
    assertThat(metrics.sizeEstimateRangeGB()).containsExactly(0.0, 1.0);
  }
}
