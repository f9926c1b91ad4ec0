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
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems through the SDK. */
class BatchAndTransactionTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    for (String t : List.of("accounts", "ledger")) {
      ddb.createTable(b -> b.tableName(t)
          .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
    }
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(int v) {
    return AttributeValue.fromN(Integer.toString(v));
  }

  private static Map<String, AttributeValue> id(String id) {
    return Map.of("id", s(id));
  }

  private static WriteRequest put(String id) {
    return WriteRequest.builder().putRequest(p -> p.item(Map.of("id", s(id), "v", n(1)))).build();
  }

  @Test
  void batchWriteThenBatchGetAcrossTables() {
    List<WriteRequest> accounts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      accounts.add(put("a" + i));
    }
    ddb.batchWriteItem(b -> b.requestItems(Map.of("accounts", accounts, "ledger", List.of(put("l1"), put("l2")))));
    ddb.batchWriteItem(b -> b.requestItems(Map.of("ledger",
        List.of(WriteRequest.builder().deleteRequest(d -> d.key(id("l2"))).build()))));
    BatchGetItemResponse r = ddb.batchGetItem(b -> b.requestItems(Map.of(
        "accounts", KeysAndAttributes.builder().keys(id("a0"), id("a19"), id("missing")).projectionExpression("id").build(),
        "ledger", KeysAndAttributes.builder().keys(id("l1"), id("l2")).consistentRead(true).build())));
    assertThat(r.responses().get("accounts")).extracting(i -> i.get("id").s()).containsExactlyInAnyOrder("a0", "a19");
    assertThat(r.responses().get("accounts").get(0)).containsOnlyKeys("id");
    assertThat(r.responses().get("ledger")).extracting(i -> i.get("id").s()).containsExactly("l1");
    assertThat(r.unprocessedKeys()).isEmpty();
  }

  @Test
  void batchLimitsAndDuplicatesAreRefusedBeforeAnyWrite() {
    List<WriteRequest> tooMany = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      tooMany.add(put("x" + i));
    }
    assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("accounts", tooMany))))
        .hasMessageContaining("Member must have length less than or equal to 25");
    assertThatThrownBy(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("accounts", List.of(put("dup"), put("dup"))))))
        .hasMessageStartingWith("Provided list of item keys contains duplicates");
    assertThat(ddb.getItem(b -> b.tableName("accounts").key(id("dup"))).hasItem()).isFalse();
    assertThat(ddb.getItem(b -> b.tableName("accounts").key(id("x0"))).hasItem()).isFalse();
  }

  @Test
  void transactionAppliesAllOrNothing() {
    ddb.putItem(b -> b.tableName("accounts").item(Map.of("id", s("alice"), "balance", n(100))));
    ddb.putItem(b -> b.tableName("accounts").item(Map.of("id", s("bob"), "balance", n(0))));
    ddb.transactWriteItems(b -> b.transactItems(
        TransactWriteItem.builder().update(u -> u.tableName("accounts").key(id("alice"))
            .updateExpression("SET balance = balance - :m").conditionExpression("balance >= :m")
            .expressionAttributeValues(Map.of(":m", n(60)))).build(),
        TransactWriteItem.builder().update(u -> u.tableName("accounts").key(id("bob"))
            .updateExpression("SET balance = balance + :m").expressionAttributeValues(Map.of(":m", n(60)))).build(),
        TransactWriteItem.builder().put(p -> p.tableName("ledger").item(Map.of("id", s("t1"), "amount", n(60)))).build()));
    assertThat(ddb.getItem(b -> b.tableName("accounts").key(id("alice"))).item().get("balance").n()).isEqualTo("40");
    assertThat(ddb.getItem(b -> b.tableName("accounts").key(id("bob"))).item().get("balance").n()).isEqualTo("60");

    assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(
        TransactWriteItem.builder().update(u -> u.tableName("accounts").key(id("alice"))
            .updateExpression("SET balance = balance - :m").conditionExpression("balance >= :m")
            .expressionAttributeValues(Map.of(":m", n(60)))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
        TransactWriteItem.builder().update(u -> u.tableName("accounts").key(id("bob"))
            .updateExpression("SET balance = balance + :m").expressionAttributeValues(Map.of(":m", n(60)))).build())))
        .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
              "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]");
          assertThat(e.cancellationReasons()).hasSize(2);
          assertThat(e.cancellationReasons().get(0).code()).isEqualTo("ConditionalCheckFailed");
          assertThat(e.cancellationReasons().get(0).item().get("balance").n()).isEqualTo("40");
          assertThat(e.cancellationReasons().get(1).code()).isEqualTo("None");
        });
    assertThat(ddb.getItem(b -> b.tableName("accounts").key(id("bob"))).item().get("balance").n()).isEqualTo("60");
  }

  @Test
  void conditionCheckAndIdempotentRetry() {
    ddb.putItem(b -> b.tableName("accounts").item(Map.of("id", s("gate"), "open", AttributeValue.fromBool(true))));
    Runnable tx = () -> ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(
        TransactWriteItem.builder().conditionCheck(c -> c.tableName("accounts").key(id("gate"))
            .conditionExpression("#o = :t").expressionAttributeNames(Map.of("#o", "open"))
            .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true)))).build(),
        TransactWriteItem.builder().update(u -> u.tableName("ledger").key(id("counter"))
            .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", n(1)))).build()));
    tx.run();
    tx.run();
    assertThat(ddb.getItem(b -> b.tableName("ledger").key(id("counter"))).item().get("hits").n()).isEqualTo("1");
    assertThatThrownBy(() -> ddb.transactWriteItems(b -> b.transactItems(
        TransactWriteItem.builder().put(p -> p.tableName("ledger").item(id("same"))).build(),
        TransactWriteItem.builder().delete(d -> d.tableName("ledger").key(id("same"))).build())))
        .hasMessageStartingWith("Transaction request cannot include multiple operations on one item");
  }

  @Test
  void transactGetReadsEveryItem() {
    ddb.putItem(b -> b.tableName("ledger").item(Map.of("id", s("g1"), "v", n(7))));
    List<Map<String, AttributeValue>> items = ddb.transactGetItems(b -> b.transactItems(
        TransactGetItem.builder().get(g -> g.tableName("ledger").key(id("g1"))).build(),
        TransactGetItem.builder().get(g -> g.tableName("ledger").key(id("nothing"))).build()))
        .responses().stream().map(r -> r.item()).toList();
    assertThat(items.get(0).get("v").n()).isEqualTo("7");
    assertThat(items.get(1)).isEmpty();
  }
}
