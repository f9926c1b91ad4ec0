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
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Query and Scan options beyond the basics, through the SDK: the legacy KeyConditions,
 * QueryFilter and ScanFilter with ConditionalOperator, Select SPECIFIC_ATTRIBUTES and
 * ALL_PROJECTED_ATTRIBUTES, and what reads may ask of an index. (ConsumedCapacityTest covers the
 * cost of each read.)
 */
class ReadOptionsTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  static KeySchemaElement hash(String n) {
    return KeySchemaElement.builder().attributeName(n).keyType(KeyType.HASH).build();
  }

  static KeySchemaElement range(String n) {
    return KeySchemaElement.builder().attributeName(n).keyType(KeyType.RANGE).build();
  }

  static AttributeDefinition def(String n, ScalarAttributeType t) {
    return AttributeDefinition.builder().attributeName(n).attributeType(t).build();
  }

  static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  static AttributeValue n(int v) {
    return AttributeValue.fromN(Integer.toString(v));
  }

  private static Condition cond(ComparisonOperator op, AttributeValue... values) {
    return Condition.builder().comparisonOperator(op).attributeValueList(values.length == 0 ? null : List.of(values)).build();
  }

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("readings").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
            def("kind", ScalarAttributeType.S), def("score", ScalarAttributeType.N))
        .keySchema(hash("pk"), range("sk"))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byKind").keySchema(hash("kind"), range("sk"))
            .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("v")).build())
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byScore").keySchema(hash("pk"), range("score"))
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
    for (int i = 1; i <= 20; i++) {
      int k = i;
      ddb.putItem(b -> b.tableName("readings").item(Map.of("pk", s("a"), "sk", n(k), "kind", s("k" + k % 2),
          "score", n(100 - k), "v", s("v" + k), "w", n(k * k))));
    }
    ddb.createTable(b -> b.tableName("blobs").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("id", ScalarAttributeType.S)).keySchema(hash("id")));
    ddb.putItem(b -> b.tableName("blobs").item(Map.of("id", s("with"), "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, (byte) 0xeb, 2})))));
    ddb.putItem(b -> b.tableName("blobs").item(Map.of("id", s("without"), "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0xfa, (byte) 0xc7})))));
    ddb.putItem(b -> b.tableName("blobs").item(Map.of("id", s("none"))));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static List<Integer> sortKeys(QueryResponse r) {
    return r.items().stream().map(i -> Integer.parseInt(i.get("sk").n())).toList();
  }

  @Test
  void legacyKeyConditionsAndQueryFilter() {
    QueryResponse between = ddb.query(b -> b.tableName("readings").keyConditions(Map.of(
        "pk", cond(ComparisonOperator.EQ, s("a")), "sk", cond(ComparisonOperator.BETWEEN, n(3), n(8)))));
    assertThat(sortKeys(between)).containsExactly(3, 4, 5, 6, 7, 8);
    // Two filter conditions joined by OR: w below 10 (sk 1 to 3) or v equal to v20.
    QueryResponse either = ddb.query(b -> b.tableName("readings")
        .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("a"))))
        .queryFilter(Map.of("w", cond(ComparisonOperator.LT, n(10)), "v", cond(ComparisonOperator.EQ, s("v20"))))
        .conditionalOperator(ConditionalOperator.OR));
    assertThat(sortKeys(either)).containsExactly(1, 2, 3, 20);
    assertThat(either.scannedCount()).isEqualTo(20);
    QueryResponse both = ddb.query(b -> b.tableName("readings")
        .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("a")), "sk", cond(ComparisonOperator.GT, n(1))))
        .queryFilter(Map.of("w", cond(ComparisonOperator.LT, n(10)), "v", cond(ComparisonOperator.BEGINS_WITH, s("v")))));
    assertThat(sortKeys(both)).containsExactly(2, 3);

    // ConditionalOperator joins two or more conditions, never one, and needs a filter.
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("readings")
        .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("a"))))
        .queryFilter(Map.of("w", cond(ComparisonOperator.LT, n(10)))).conditionalOperator(ConditionalOperator.AND)))
        .hasMessageStartingWith("ConditionalOperator can only be used when Filter or Expected has two or more elements");
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("readings")
        .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("a")))).conditionalOperator(ConditionalOperator.OR)))
        .hasMessageStartingWith("ConditionalOperator cannot be used without Filter or Expected");
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("readings").keyConditions(Map.of(
        "pk", cond(ComparisonOperator.EQ, s("a")), "sk", cond(ComparisonOperator.BEGINS_WITH, n(1))))))
        .hasMessageStartingWith("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("readings").keyConditions(Map.of(
        "pk", cond(ComparisonOperator.EQ, s("a")), "sk", cond(ComparisonOperator.BETWEEN, n(8), n(3))))))
        .hasMessageStartingWith("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("readings")
        .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("a"))))
        .queryFilter(Map.of("sk", cond(ComparisonOperator.GT, n(3))))))
        .hasMessageStartingWith("QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
  }

  @Test
  void legacyScanFilter() {
    assertThat(ddb.scan(b -> b.tableName("readings").scanFilter(Map.of(
        "w", cond(ComparisonOperator.GE, n(300)), "kind", cond(ComparisonOperator.EQ, s("k0"))))
        .conditionalOperator(ConditionalOperator.AND)).count()).isEqualTo(2);
    assertThat(ddb.scan(b -> b.tableName("readings").scanFilter(Map.of(
        "w", cond(ComparisonOperator.GE, n(300)), "sk", cond(ComparisonOperator.EQ, n(1))))
        .conditionalOperator(ConditionalOperator.OR)).count()).isEqualTo(4);
    assertThatThrownBy(() -> ddb.scan(b -> b.tableName("readings").scanFilter(Map.of(
        "w", cond(ComparisonOperator.GE, n(300)))).conditionalOperator(ConditionalOperator.OR)))
        .hasMessageStartingWith("ConditionalOperator can only be used when Filter or Expected has two or more elements");
    // CONTAINS of a binary looks for a subsequence of the attribute's bytes.
    assertThat(ddb.scan(b -> b.tableName("blobs").scanFilter(Map.of("b", cond(ComparisonOperator.CONTAINS,
        AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0xeb})))))).items())
        .extracting(i -> i.get("id").s()).containsExactly("with");
    // The legacy NOT_CONTAINS is false for a missing attribute, unlike NOT contains().
    assertThat(ddb.scan(b -> b.tableName("blobs").scanFilter(Map.of("b", cond(ComparisonOperator.NOT_CONTAINS,
        AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0xeb})))))).items())
        .extracting(i -> i.get("id").s()).containsExactly("without");
    assertThat(ddb.scan(b -> b.tableName("blobs").filterExpression("NOT contains(b, :v)")
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0xeb})))))
        .items()).extracting(i -> i.get("id").s()).containsExactlyInAnyOrder("without", "none");
  }

  @Test
  void selectSpecificAndAllProjectedAttributes() {
    QueryResponse specific = ddb.query(b -> b.tableName("readings").keyConditionExpression("pk = :p AND sk = :k")
        .expressionAttributeValues(Map.of(":p", s("a"), ":k", n(4))).select(Select.SPECIFIC_ATTRIBUTES)
        .projectionExpression("v, w"));
    assertThat(specific.items()).singleElement().isEqualTo(Map.of("v", s("v4"), "w", n(16)));
    QueryResponse toGet = ddb.query(b -> b.tableName("readings")
        .keyConditions(Map.of("pk", cond(ComparisonOperator.EQ, s("a")), "sk", cond(ComparisonOperator.EQ, n(4))))
        .select(Select.SPECIFIC_ATTRIBUTES).attributesToGet("kind"));
    assertThat(toGet.items()).singleElement().isEqualTo(Map.of("kind", s("k0")));
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("readings").keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("a"))).select(Select.SPECIFIC_ATTRIBUTES)))
        .hasMessageStartingWith("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");

    // ALL_PROJECTED_ATTRIBUTES: what each index holds, its keys and the table's.
    QueryResponse global = ddb.query(b -> b.tableName("readings").indexName("byKind")
        .keyConditionExpression("kind = :k AND sk < :s").expressionAttributeValues(Map.of(":k", s("k1"), ":s", n(4)))
        .select(Select.ALL_PROJECTED_ATTRIBUTES));
    assertThat(global.items()).containsExactly(
        Map.of("pk", s("a"), "sk", n(1), "kind", s("k1"), "v", s("v1")),
        Map.of("pk", s("a"), "sk", n(3), "kind", s("k1"), "v", s("v3")));
    QueryResponse local = ddb.query(b -> b.tableName("readings").indexName("byScore")
        .keyConditionExpression("pk = :p AND score >= :s").expressionAttributeValues(Map.of(":p", s("a"), ":s", n(99)))
        .select(Select.ALL_PROJECTED_ATTRIBUTES));
    assertThat(local.items()).containsExactly(Map.of("pk", s("a"), "sk", n(1), "score", n(99)));
  }

  @Test
  void indexesServeOnlyWhatTheyHoldExceptThatLocalIndexesFetch() {
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("readings").indexName("byKind")
        .keyConditionExpression("kind = :k").expressionAttributeValues(Map.of(":k", s("k1"))).projectionExpression("v, w")))
        .hasMessageStartingWith("One or more parameter values were invalid: Global secondary index byKind does not project [w]");
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("readings").indexName("byKind")
        .keyConditionExpression("kind = :k").filterExpression("w > :w")
        .expressionAttributeValues(Map.of(":k", s("k1"), ":w", n(3)))))
        .hasMessageStartingWith("One or more parameter values were invalid: Secondary index byKind does not project one or more filter attributes: [w]");
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("readings").indexName("byScore")
        .keyConditionExpression("pk = :p").filterExpression("w > :w")
        .expressionAttributeValues(Map.of(":p", s("a"), ":w", n(3)))))
        .hasMessageStartingWith("One or more parameter values were invalid: Secondary index byScore does not project one or more filter attributes: [w]");
    // A local index fetches what it does not hold from the table.
    QueryResponse fetched = ddb.query(b -> b.tableName("readings").indexName("byScore")
        .keyConditionExpression("pk = :p AND score >= :s").expressionAttributeValues(Map.of(":p", s("a"), ":s", n(98)))
        .projectionExpression("w, score"));
    assertThat(fetched.items()).containsExactly(Map.of("w", n(4), "score", n(98)), Map.of("w", n(1), "score", n(99)));
    // A Scan of an index filters what the index holds: w is not there, so nothing matches.
    assertThat(ddb.scan(b -> b.tableName("readings").indexName("byKind").filterExpression("attribute_exists(w)")).count()).isZero();
  }
}
