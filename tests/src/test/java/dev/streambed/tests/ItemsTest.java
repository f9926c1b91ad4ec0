package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** PutItem, GetItem, UpdateItem and DeleteItem through the SDK, as an application uses them. */
class ItemsTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("posts")
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName("user_id").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("post_id").attributeType(ScalarAttributeType.N).build())
        .keySchema(KeySchemaElement.builder().attributeName("user_id").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("post_id").keyType(KeyType.RANGE).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }

  private static Map<String, AttributeValue> key(String user, int post) {
    return Map.of("user_id", s(user), "post_id", n(Integer.toString(post)));
  }

  @Test
  void everyAttributeTypeRoundTrips() {
    Map<String, AttributeValue> item = Map.ofEntries(
        Map.entry("user_id", s("types")), Map.entry("post_id", n("1")),
        Map.entry("text", s("h\u00e9llo \ud83d\ude00")),
        Map.entry("number", n("-12.50")),
        Map.entry("binary", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255}))),
        Map.entry("flag", AttributeValue.fromBool(true)),
        Map.entry("nothing", AttributeValue.fromNul(true)),
        Map.entry("map", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(n("1"), s("x")))))),
        Map.entry("strings", AttributeValue.fromSs(List.of("a", "b"))),
        Map.entry("numbers", AttributeValue.fromNs(List.of("1", "2.5"))),
        Map.entry("binaries", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x")))),
        Map.entry("empty", s("")));
    ddb.putItem(b -> b.tableName("posts").item(item));
    Map<String, AttributeValue> read = ddb.getItem(b -> b.tableName("posts").key(key("types", 1))).item();
    assertThat(read).hasSize(item.size());
    assertThat(read.get("number").n()).isEqualTo("-12.5");
    assertThat(read.get("binary").b().asByteArray()).containsExactly(0, 1, 255);
    assertThat(read.get("map")).isEqualTo(item.get("map"));
    assertThat(read.get("strings").ss()).containsExactlyInAnyOrder("a", "b");
    assertThat(read.get("numbers").ns()).containsExactlyInAnyOrder("1", "2.5");
    assertThat(read.get("text")).isEqualTo(item.get("text"));
    assertThat(read.get("empty").s()).isEmpty();
  }

  @Test
  void missingItemReadsAsNoItem() {
    GetItemResponse r = ddb.getItem(b -> b.tableName("posts").key(key("nobody", 1)));
    assertThat(r.hasItem()).isFalse();
  }

  @Test
  void putReturnsOldItemWhenAsked() {
    ddb.putItem(b -> b.tableName("posts").item(Map.of("user_id", s("old"), "post_id", n("1"), "v", s("first"))));
    PutItemResponse r = ddb.putItem(b -> b.tableName("posts").returnValues(ReturnValue.ALL_OLD)
        .item(Map.of("user_id", s("old"), "post_id", n("1"), "v", s("second"))));
    assertThat(r.attributes().get("v").s()).isEqualTo("first");
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("posts").returnValues(ReturnValue.ALL_NEW)
        .item(key("old", 1))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("Return values set to invalid value");
  }

  @Test
  void deleteReturnsOldItemAndIsIdempotent() {
    ddb.putItem(b -> b.tableName("posts").item(Map.of("user_id", s("del"), "post_id", n("1"), "v", s("x"))));
    DeleteItemResponse first = ddb.deleteItem(b -> b.tableName("posts").key(key("del", 1)).returnValues(ReturnValue.ALL_OLD));
    assertThat(first.attributes().get("v").s()).isEqualTo("x");
    DeleteItemResponse again = ddb.deleteItem(b -> b.tableName("posts").key(key("del", 1)).returnValues(ReturnValue.ALL_OLD));
    assertThat(again.hasAttributes()).isFalse();
    assertThat(ddb.getItem(b -> b.tableName("posts").key(key("del", 1))).hasItem()).isFalse();
  }

  @Test
  void consumedCapacityFollowsItemSize() {
    Map<String, AttributeValue> big = Map.of("user_id", s("cap"), "post_id", n("1"), "blob", s("x".repeat(2500)));
    PutItemResponse put = ddb.putItem(b -> b.tableName("posts").item(big)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(3.0);
    assertThat(put.consumedCapacity().tableName()).isEqualTo("posts");
    GetItemResponse eventual = ddb.getItem(b -> b.tableName("posts").key(key("cap", 1))
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    assertThat(eventual.consumedCapacity().capacityUnits()).isEqualTo(0.5);
    GetItemResponse strong = ddb.getItem(b -> b.tableName("posts").key(key("cap", 1)).consistentRead(true)
        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    assertThat(strong.consumedCapacity().capacityUnits()).isEqualTo(1.0);
    assertThat(strong.consumedCapacity().table().capacityUnits()).isEqualTo(1.0);
  }

  @Test
  void keysAreValidatedAsAwsDoes() {
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("posts").item(Map.of("user_id", s("x")))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("One or more parameter values were invalid: Missing the key post_id in the item");
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("posts").item(Map.of("user_id", n("1"), "post_id", n("1")))))
        .hasMessageStartingWith("One or more parameter values were invalid: Type mismatch for key user_id expected: S actual: N");
    assertThatThrownBy(() -> ddb.getItem(b -> b.tableName("posts").key(Map.of("user_id", s("x")))))
        .hasMessageStartingWith("The provided key element does not match the schema");
    assertThatThrownBy(() -> ddb.getItem(b -> b.tableName("posts").key(Map.of("user_id", s(""), "post_id", n("1")))))
        .hasMessageStartingWith("One or more parameter values are not valid. The AttributeValue for a key "
            + "attribute cannot contain an empty string value. Key: user_id");
    assertThatThrownBy(() -> ddb.getItem(b -> b.tableName("nope").key(key("x", 1))))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Requested resource not found");
  }

  @Test
  void itemsOverFourHundredKilobytesAreRefused() {
    Map<String, AttributeValue> huge = Map.of("user_id", s("huge"), "post_id", n("1"), "blob", s("x".repeat(400 * 1024)));
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("posts").item(huge)))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("Item size has exceeded the maximum allowed size");
    assertThat(ddb.getItem(b -> b.tableName("posts").key(key("huge", 1))).hasItem()).isFalse();
  }

  @Test
  void setsAndNumbersAreValidated() {
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("posts").item(Map.of("user_id", s("v"), "post_id", n("1"),
        "ss", AttributeValue.fromSs(List.of("a", "a"))))))
        .hasMessageStartingWith("One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("posts").item(Map.of("user_id", s("v"), "post_id", n("1"),
        "n", n("1" + "0".repeat(38) + "1")))))
        .hasMessageStartingWith("Attempting to store more than 38 significant digits in a Number");
  }

  @Test
  void conditionExpressionGuardsWritesAndCanReturnTheItem() {
    ddb.putItem(b -> b.tableName("posts").item(Map.of("user_id", s("cond"), "post_id", n("1"), "v", n("1"))));
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("posts")
        .item(Map.of("user_id", s("cond"), "post_id", n("1"), "v", n("2")))
        .conditionExpression("attribute_not_exists(user_id)")
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
        .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
          assertThat(e.item().get("v").n()).isEqualTo("1");
        });
    ddb.putItem(b -> b.tableName("posts")
        .item(Map.of("user_id", s("cond"), "post_id", n("1"), "v", n("2")))
        .conditionExpression("v = :one").expressionAttributeValues(Map.of(":one", n("1"))));
    assertThat(ddb.getItem(b -> b.tableName("posts").key(key("cond", 1))).item().get("v").n()).isEqualTo("2");
  }

  @Test
  void updateExpressionCreatesAndChangesItems() {
    UpdateItemResponse created = ddb.updateItem(b -> b.tableName("posts").key(key("upd", 1))
        .updateExpression("SET title = :t, seen = if_not_exists(seen, :zero) + :one ADD tags :tag")
        .expressionAttributeValues(Map.of(":t", s("Hello"), ":zero", n("0"), ":one", n("1"),
            ":tag", AttributeValue.fromSs(List.of("news"))))
        .returnValues(ReturnValue.ALL_NEW));
    assertThat(created.attributes().get("seen").n()).isEqualTo("1");
    assertThat(created.attributes().get("user_id").s()).isEqualTo("upd");
    UpdateItemResponse changed = ddb.updateItem(b -> b.tableName("posts").key(key("upd", 1))
        .updateExpression("SET seen = seen + :one REMOVE title")
        .expressionAttributeValues(Map.of(":one", n("1")))
        .returnValues(ReturnValue.UPDATED_OLD));
    assertThat(changed.attributes()).containsOnlyKeys("seen", "title");
    assertThat(changed.attributes().get("seen").n()).isEqualTo("1");
    assertThatThrownBy(() -> ddb.updateItem(b -> b.tableName("posts").key(key("upd", 1))
        .updateExpression("SET user_id = :t").expressionAttributeValues(Map.of(":t", s("x")))))
        .hasMessageStartingWith("One or more parameter values were invalid: Cannot update attribute user_id. "
            + "This attribute is part of the key");
  }

  @Test
  void projectionExpressionSelectsNestedPaths() {
    ddb.putItem(b -> b.tableName("posts").item(Map.of("user_id", s("proj"), "post_id", n("1"),
        "a", AttributeValue.fromM(Map.of("b", s("keep"), "c", s("drop"))),
        "list", AttributeValue.fromL(List.of(s("zero"), s("one"))))));
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName("posts").key(key("proj", 1))
        .projectionExpression("a.b, #l[1]").expressionAttributeNames(Map.of("#l", "list"))).item();
    assertThat(item).containsOnlyKeys("a", "list");
    assertThat(item.get("a").m()).containsOnlyKeys("b");
    assertThat(item.get("list").l()).containsExactly(s("one"));
  }

  @Test
  void tableArnWorksWhereverATableNameDoes() {
    String arn = ddb.describeTable(b -> b.tableName("posts")).table().tableArn();
    ddb.putItem(b -> b.tableName(arn).item(Map.of("user_id", s("arn"), "post_id", n("1"))));
    assertThat(ddb.getItem(b -> b.tableName("posts").key(key("arn", 1))).hasItem()).isTrue();
    assertThat(ddb.describeTable(b -> b.tableName(arn)).table().tableName()).isEqualTo("posts");
  }

  @Test
  void legacyParametersStillWork() {
    ddb.putItem(b -> b.tableName("posts").item(Map.of("user_id", s("legacy"), "post_id", n("1"), "v", n("1")))
        .expected(Map.of("user_id", software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue.builder()
            .exists(false).build())));
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("posts").item(key("legacy", 1))
        .expected(Map.of("user_id", software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue.builder()
            .exists(false).build()))))
        .isInstanceOf(ConditionalCheckFailedException.class);
    ddb.updateItem(b -> b.tableName("posts").key(key("legacy", 1))
        .attributeUpdates(Map.of("v", software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate.builder()
            .action(software.amazon.awssdk.services.dynamodb.model.AttributeAction.ADD).value(n("41")).build())));
    Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName("posts").key(key("legacy", 1))
        .attributesToGet("v")).item();
    assertThat(item).containsOnlyKeys("v");
    assertThat(item.get("v").n()).isEqualTo("42");
    assertThatThrownBy(() -> ddb.getItem(b -> b.tableName("posts").key(key("legacy", 1))
        .attributesToGet("v").projectionExpression("v")))
        .hasMessageStartingWith("Can not use both expression and non-expression parameters in the same request: "
            + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
  }
}
