package dev.streambed.tests;

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
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query and Scan through the SDK: key conditions, order, paging, filters, parallel scans. */
class QueryScanTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("events")
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
    for (String pk : List.of("a", "b", "c")) {
      for (int sk = -5; sk < 15; sk++) {
        int n = sk;
        ddb.putItem(b -> b.tableName("events").item(Map.of("pk", s(pk), "sk", num(n),
            "even", AttributeValue.fromBool(n % 2 == 0), "body", s("x".repeat(10)))));
      }
    }
    ddb.createTable(b -> b.tableName("words")
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("word").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("word").keyType(KeyType.RANGE).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
    for (String w : List.of("apple", "app", "application", "apt", "banana", "ap\u0000x", "b")) {
      ddb.putItem(b -> b.tableName("words").item(Map.of("pk", s("w"), "word", s(w))));
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

  private static AttributeValue num(int v) {
    return AttributeValue.fromN(Integer.toString(v));
  }

  private static List<Integer> sortKeys(List<Map<String, AttributeValue>> items) {
    List<Integer> out = new ArrayList<>();
    for (Map<String, AttributeValue> i : items) {
      out.add(Integer.parseInt(i.get("sk").n()));
    }
    return out;
  }

  private static QueryResponse query(String condition, Map<String, AttributeValue> values) {
    return ddb.query(b -> b.tableName("events").keyConditionExpression(condition).expressionAttributeValues(values));
  }

  @Test
  void keyConditionsSelectTheRightRangeInNumericOrder() {
    Map<String, AttributeValue> a = Map.of(":p", s("a"), ":v", num(3));
    assertThat(sortKeys(query("pk = :p AND sk < :v", a).items())).containsExactly(-5, -4, -3, -2, -1, 0, 1, 2);
    assertThat(sortKeys(query("pk = :p AND sk <= :v", a).items())).endsWith(2, 3);
    assertThat(sortKeys(query("pk = :p AND sk > :v", a).items())).startsWith(4).endsWith(14);
    assertThat(sortKeys(query("pk = :p AND sk >= :v", a).items())).startsWith(3);
    assertThat(sortKeys(query("pk = :p AND sk = :v", a).items())).containsExactly(3);
    assertThat(sortKeys(query("pk = :p AND sk BETWEEN :lo AND :v",
        Map.of(":p", s("a"), ":lo", num(-1), ":v", num(3))).items())).containsExactly(-1, 0, 1, 2, 3);
    assertThat(query("pk = :p", Map.of(":p", s("b"))).count()).isEqualTo(20);
    assertThat(query("pk = :p", Map.of(":p", s("zzz"))).items()).isEmpty();
  }

  @Test
  void beginsWithMatchesPrefixesByBytes() {
    QueryResponse r = ddb.query(b -> b.tableName("words")
        .keyConditionExpression("pk = :p AND begins_with(word, :pre)")
        .expressionAttributeValues(Map.of(":p", s("w"), ":pre", s("ap"))));
    assertThat(r.items()).extracting(i -> i.get("word").s())
        .containsExactly("ap\u0000x", "app", "apple", "application", "apt");
  }

  @Test
  void scanIndexForwardFalseReversesAndPagesBackwards() {
    List<Integer> all = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    int pages = 0;
    do {
      Map<String, AttributeValue> esk = start;
      QueryResponse page = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p")
          .expressionAttributeValues(Map.of(":p", s("c"))).scanIndexForward(false).limit(7)
          .exclusiveStartKey(esk));
      all.addAll(sortKeys(page.items()));
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
      pages++;
    } while (start != null);
    assertThat(all).hasSize(20);
    assertThat(all.get(0)).isEqualTo(14);
    assertThat(all.get(19)).isEqualTo(-5);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void filterAppliesAfterLimitAndCountsDiffer() {
    QueryResponse r = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p")
        .filterExpression("even = :t").expressionAttributeValues(Map.of(":p", s("a"), ":t", AttributeValue.fromBool(true)))
        .limit(10));
    assertThat(r.scannedCount()).isEqualTo(10);
    assertThat(r.count()).isEqualTo(5);
    assertThat(r.lastEvaluatedKey()).containsOnlyKeys("pk", "sk");
    QueryResponse count = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("a"))).select(Select.COUNT));
    assertThat(count.count()).isEqualTo(20);
    assertThat(count.hasItems()).isFalse();
  }

  @Test
  void projectionKeepsOnlyNamedAttributes() {
    QueryResponse r = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p AND sk = :s")
        .projectionExpression("body").expressionAttributeValues(Map.of(":p", s("a"), ":s", num(1))));
    assertThat(r.items().get(0)).containsOnlyKeys("body");
  }

  @Test
  void keyConditionErrorsAreAwsErrors() {
    assertThatThrownBy(() -> query("sk = :v", Map.of(":v", num(1))))
        .hasMessageStartingWith("Query condition missed key schema element: pk");
    assertThatThrownBy(() -> query("pk = :p OR sk = :v", Map.of(":p", s("a"), ":v", num(1))))
        .hasMessageStartingWith("Invalid operator used in KeyConditionExpression: OR");
    assertThatThrownBy(() -> query("pk = :p AND sk = :v", Map.of(":p", s("a"), ":v", s("1"))))
        .hasMessageStartingWith("One or more parameter values were invalid: Condition parameter type does not match schema type");
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("a"))).indexName("byOther")))
        .hasMessageStartingWith("The table does not have the specified index: byOther");
  }

  @Test
  void scanPagesThroughEveryItemOnce() {
    Set<String> seen = new HashSet<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> esk = start;
      ScanResponse page = ddb.scan(b -> b.tableName("events").limit(13).exclusiveStartKey(esk));
      for (Map<String, AttributeValue> i : page.items()) {
        assertThat(seen.add(i.get("pk").s() + "/" + i.get("sk").n())).isTrue();
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    assertThat(seen).hasSize(60);
  }

  @Test
  void parallelScanSegmentsTogetherReturnEveryItemExactlyOnce() {
    Set<String> seen = new HashSet<>();
    int total = 4;
    for (int segment = 0; segment < total; segment++) {
      int seg = segment;
      for (Map<String, AttributeValue> i : ddb.scanPaginator(b -> b.tableName("events").segment(seg).totalSegments(total).limit(5)).items()) {
        assertThat(seen.add(i.get("pk").s() + "/" + i.get("sk").n())).isTrue();
      }
    }
    assertThat(seen).hasSize(60);
    assertThatThrownBy(() -> ddb.scan(b -> b.tableName("events").segment(4).totalSegments(4)))
        .hasMessageStartingWith("The Segment parameter is zero-based and must be less than parameter TotalSegments");
  }

  @Test
  void scanFilterAndLegacyScanFilter() {
    ScanResponse r = ddb.scan(b -> b.tableName("events").filterExpression("sk > :v")
        .expressionAttributeValues(Map.of(":v", num(12))));
    assertThat(r.count()).isEqualTo(6);
    ScanResponse legacy = ddb.scan(b -> b.tableName("events").scanFilter(Map.of("sk",
        software.amazon.awssdk.services.dynamodb.model.Condition.builder()
            .comparisonOperator(software.amazon.awssdk.services.dynamodb.model.ComparisonOperator.GT)
            .attributeValueList(num(12)).build())));
    assertThat(legacy.count()).isEqualTo(6);
  }

  @Test
  void pagesStopAtOneMegabyte() {
    ddb.createTable(b -> b.tableName("big")
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.N).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
    String blob = "y".repeat(300 * 1024);
    for (int i = 0; i < 5; i++) {
      int n = i;
      ddb.putItem(b -> b.tableName("big").item(Map.of("id", num(n), "blob", s(blob))));
    }
    ScanResponse first = ddb.scan(b -> b.tableName("big"));
    assertThat(first.count()).isEqualTo(4);
    assertThat(first.lastEvaluatedKey()).isNotEmpty();
    ScanResponse second = ddb.scan(b -> b.tableName("big").exclusiveStartKey(first.lastEvaluatedKey()));
    assertThat(second.count()).isEqualTo(1);
  }
}
