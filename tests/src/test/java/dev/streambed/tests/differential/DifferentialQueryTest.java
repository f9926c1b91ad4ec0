package dev.streambed.tests.differential;

import static dev.streambed.tests.differential.Av.n;
import static dev.streambed.tests.differential.Av.s;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Query on a table and on its global and local secondary indexes, request for request against
 * DynamoDB Local. (Scan and BatchGetItem are left out: neither AWS nor DynamoDB Local promises
 * an order across partitions, so their pages cannot be compared one for one.)
 */
class DifferentialQueryTest extends DifferentialTest {
  private static String table;

  @BeforeAll
  static void data() {
    table = Differential.tableName("query");
    d.step(CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
            def("g", ScalarAttributeType.S), def("l", ScalarAttributeType.S))
        .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
            .keySchema(key("g", KeyType.HASH), key("sk", KeyType.RANGE))
            .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("v")).build())
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byL")
            .keySchema(key("pk", KeyType.HASH), key("l", KeyType.RANGE))
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build())
        .build());
    for (String pk : List.of("a", "b")) {
      for (int i = -3; i < 12; i++) {
        Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        item.put("pk", s(pk));
        item.put("sk", n(Integer.toString(i)));
        item.put("v", s("value " + i));
        item.put("w", n(Integer.toString(i * i)));
        // Index keys are unique: AWS promises no order among equal index keys.
        if (i % 2 == 0 && pk.equals("a")) {
          item.put("g", s("even"));
        }
        item.put("l", s(Character.toString((char) ('z' - i - 3))));
        d.step(PutItemRequest.builder().tableName(table).item(item).build());
      }
    }
    d.assertNoDifferences();
  }

  private static QueryRequest.Builder query(String condition, Object... values) {
    Map<String, AttributeValue> vals = new java.util.LinkedHashMap<>();
    for (int i = 0; i < values.length; i += 2) {
      vals.put((String) values[i], (AttributeValue) values[i + 1]);
    }
    return QueryRequest.builder().tableName(table).keyConditionExpression(condition)
        .expressionAttributeValues(vals);
  }

  @Test
  void keyConditions() {
    for (String op : List.of("=", "<", "<=", ">", ">=")) {
      d.step(query("pk = :p AND sk " + op + " :v", ":p", s("a"), ":v", n("4")).build());
    }
    d.step(query("pk = :p AND sk BETWEEN :lo AND :hi", ":p", s("b"), ":lo", n("-1"), ":hi", n("5")).build());
    d.step(query("pk = :p", ":p", s("nobody")).build());
    d.step(query("pk = :p", ":p", s("a")).scanIndexForward(false).build());
  }

  @Test
  void pagingFiltersAndCounts() {
    d.step(query("pk = :p", ":p", s("a")).limit(4).build());
    d.step(query("pk = :p", ":p", s("a")).limit(4).scanIndexForward(false)
        .exclusiveStartKey(Map.of("pk", s("a"), "sk", n("5"))).build());
    d.step(query("pk = :p", ":p", s("a"), ":w", n("10")).filterExpression("w > :w").limit(6).build());
    d.step(query("pk = :p", ":p", s("a")).select(Select.COUNT).build());
    d.step(query("pk = :p AND sk < :v", ":p", s("a"), ":v", n("2")).projectionExpression("v, w").build());
  }

  @Test
  void indexes() {
    d.step(query("g = :g", ":g", s("even")).indexName("byG").build());
    d.step(query("g = :g AND sk > :v", ":g", s("even"), ":v", n("4")).indexName("byG").limit(3).build());
    d.step(query("pk = :p", ":p", s("b")).indexName("byL").build());
    d.step(query("pk = :p AND l > :l", ":p", s("b"), ":l", s("q")).indexName("byL").limit(2).build());
    d.step(query("pk = :p", ":p", s("b")).indexName("byL").select(Select.ALL_ATTRIBUTES).limit(3).build());
  }

  @Test
  void errors() {
    d.step(query("sk = :v", ":v", n("1")).build());
    d.step(query("pk = :p OR sk = :v", ":p", s("a"), ":v", n("1")).build());
    d.step(query("pk = :p AND sk = :v", ":p", s("a"), ":v", s("1")).build());
    d.step(query("pk = :p", ":p", s("a")).indexName("nope").build());
    d.step(query("g = :g", ":g", s("even")).indexName("byG").consistentRead(true).build());
    d.step(query("g = :g", ":g", s("even")).indexName("byG").select(Select.ALL_ATTRIBUTES).build());
    d.step(query("pk = :p", ":p", s("a")).select(Select.ALL_PROJECTED_ATTRIBUTES).build());
    d.step(query("pk = :p", ":p", s("a")).limit(0).build());
    d.step(query("pk = :p", ":p", s("a"), ":v", n("3")).filterExpression("sk > :v").build());
    d.step(query("g = :g", ":g", s("even"), ":v", n("3")).indexName("byG").filterExpression("sk > :v").build());
    d.step(query("g = :g", ":g", s("even"), ":p", s("a")).indexName("byG").filterExpression("pk = :p").build());
  }

  @Test
  void startKeys() {
    // On the sort key's far bound (nothing can follow), inside and outside the range, and in
    // another partition with and without a sort key condition.
    for (boolean forward : new boolean[] {true, false}) {
      for (String at : List.of("2", "4", "5", "8", "11")) {
        d.step(query("pk = :p AND sk BETWEEN :lo AND :hi", ":p", s("a"), ":lo", n("2"), ":hi", n("8"))
            .scanIndexForward(forward).exclusiveStartKey(Map.of("pk", s("a"), "sk", n(at))).build());
        d.step(query("pk = :p AND sk <= :hi", ":p", s("a"), ":hi", n("5"))
            .scanIndexForward(forward).exclusiveStartKey(Map.of("pk", s("a"), "sk", n(at))).build());
      }
      // A page that ends on the far bound says nothing of a next one.
      d.step(query("pk = :p AND sk >= :lo", ":p", s("b"), ":lo", n("9")).scanIndexForward(forward).limit(1).build());
      d.step(query("pk = :p AND sk BETWEEN :lo AND :hi", ":p", s("b"), ":lo", n("9"), ":hi", n("10"))
          .scanIndexForward(forward).limit(2).build());
    }
    d.step(query("pk = :p", ":p", s("a")).exclusiveStartKey(Map.of("pk", s("b"), "sk", n("3"))).build());
    d.step(query("pk = :p AND sk > :v", ":p", s("a"), ":v", n("1"))
        .exclusiveStartKey(Map.of("pk", s("b"), "sk", n("3"))).build());
    d.step(query("pk = :p", ":p", s("a")).exclusiveStartKey(Map.of("pk", s("a"))).build());
  }
}
