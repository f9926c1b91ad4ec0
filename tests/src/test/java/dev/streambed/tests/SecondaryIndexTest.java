package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Global and local secondary indexes: maintained with every write, queried with their rules. */
class SecondaryIndexTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  private static KeySchemaElement hash(String n) {
    return KeySchemaElement.builder().attributeName(n).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String n) {
    return KeySchemaElement.builder().attributeName(n).keyType(KeyType.RANGE).build();
  }

  private static AttributeDefinition def(String n, ScalarAttributeType t) {
    return AttributeDefinition.builder().attributeName(n).attributeType(t).build();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(int v) {
    return AttributeValue.fromN(Integer.toString(v));
  }

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("posts").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("user", ScalarAttributeType.S), def("post", ScalarAttributeType.N),
            def("topic", ScalarAttributeType.S), def("likes", ScalarAttributeType.N))
        .keySchema(hash("user"), range("post"))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byTopic")
            .keySchema(hash("topic"), range("likes"))
            .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("title")).build())
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byLikes")
            .keySchema(hash("user"), range("likes"))
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static void put(String user, int post, String topic, int likes) {
    ddb.putItem(b -> b.tableName("posts").item(Map.of("user", s(user), "post", n(post), "topic", s(topic),
        "likes", n(likes), "title", s(user + post), "body", s("long text"))));
  }

  @Test
  void describeShowsBothIndexes() {
    TableDescription d = ddb.describeTable(b -> b.tableName("posts")).table();
    assertThat(d.globalSecondaryIndexes()).singleElement().satisfies(g -> {
      assertThat(g.indexName()).isEqualTo("byTopic");
      assertThat(g.indexStatusAsString()).isEqualTo("ACTIVE");
      assertThat(g.indexArn()).isEqualTo(d.tableArn() + "/index/byTopic");
      assertThat(g.projection().nonKeyAttributes()).containsExactly("title");
    });
    assertThat(d.localSecondaryIndexes()).singleElement()
        .satisfies(l -> assertThat(l.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY));
  }

  @Test
  void globalIndexFollowsEveryWriteAndProjects() {
    put("ann", 1, "java", 5);
    put("bob", 1, "java", 9);
    put("cid", 1, "rust", 3);
    QueryResponse java = ddb.query(b -> b.tableName("posts").indexName("byTopic")
        .keyConditionExpression("topic = :t").expressionAttributeValues(Map.of(":t", s("java"))));
    assertThat(java.items()).extracting(i -> i.get("user").s()).containsExactly("ann", "bob");
    assertThat(java.items().get(0)).containsOnlyKeys("user", "post", "topic", "likes", "title");
    // Moving an item to another index key moves its entry; deleting it removes it.
    ddb.updateItem(b -> b.tableName("posts").key(Map.of("user", s("ann"), "post", n(1)))
        .updateExpression("SET topic = :t").expressionAttributeValues(Map.of(":t", s("rust"))));
    ddb.deleteItem(b -> b.tableName("posts").key(Map.of("user", s("cid"), "post", n(1))));
    QueryResponse rust = ddb.query(b -> b.tableName("posts").indexName("byTopic")
        .keyConditionExpression("topic = :t AND likes > :l")
        .expressionAttributeValues(Map.of(":t", s("rust"), ":l", n(0))));
    assertThat(rust.items()).extracting(i -> i.get("user").s()).containsExactly("ann");
    assertThat(rust.lastEvaluatedKey()).isEmpty();
    // An item without the index key is not in the index (sparse).
    ddb.putItem(b -> b.tableName("posts").item(Map.of("user", s("dan"), "post", n(1))));
    assertThat(ddb.scan(b -> b.tableName("posts").indexName("byTopic")).items())
        .noneMatch(i -> i.get("user").s().equals("dan"));
  }

  @Test
  void indexRulesAreAwsRules() {
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("posts").indexName("byTopic").consistentRead(true)
        .keyConditionExpression("topic = :t").expressionAttributeValues(Map.of(":t", s("java")))))
        .hasMessageStartingWith("Consistent reads are not supported on global secondary indexes");
    assertThatThrownBy(() -> ddb.query(b -> b.tableName("posts").indexName("byTopic").select(Select.ALL_ATTRIBUTES)
        .keyConditionExpression("topic = :t").expressionAttributeValues(Map.of(":t", s("java")))))
        .hasMessageContaining("is not supported for global secondary index byTopic because its projection type is not ALL");
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("posts").item(Map.of("user", s("x"), "post", n(1),
        "topic", n(1)))))
        .hasMessageStartingWith("One or more parameter values were invalid: Type mismatch for Index Key topic Expected: S Actual: N IndexName: byTopic");
  }

  @Test
  void localIndexFetchesUnprojectedAttributesFromTheTable() {
    put("eve", 1, "go", 30);
    put("eve", 2, "go", 10);
    put("eve", 3, "go", 20);
    QueryResponse keys = ddb.query(b -> b.tableName("posts").indexName("byLikes").consistentRead(true)
        .keyConditionExpression("#u = :u").expressionAttributeNames(Map.of("#u", "user"))
        .expressionAttributeValues(Map.of(":u", s("eve"))));
    assertThat(keys.items()).extracting(i -> i.get("likes").n()).containsExactly("10", "20", "30");
    assertThat(keys.items().get(0)).containsOnlyKeys("user", "post", "likes");
    QueryResponse all = ddb.query(b -> b.tableName("posts").indexName("byLikes").select(Select.ALL_ATTRIBUTES)
        .keyConditionExpression("#u = :u").expressionAttributeNames(Map.of("#u", "user"))
        .expressionAttributeValues(Map.of(":u", s("eve"))).limit(2));
    assertThat(all.items().get(0)).containsKey("body");
    assertThat(all.lastEvaluatedKey()).containsOnlyKeys("user", "post", "likes");
    QueryResponse next = ddb.query(b -> b.tableName("posts").indexName("byLikes")
        .keyConditionExpression("#u = :u").expressionAttributeNames(Map.of("#u", "user"))
        .expressionAttributeValues(Map.of(":u", s("eve"))).exclusiveStartKey(all.lastEvaluatedKey()));
    assertThat(next.items()).extracting(i -> i.get("likes").n()).containsExactly("30");
  }

  @Test
  void invalidIndexDefinitionsAreRefused() {
    assertThatThrownBy(() -> ddb.createTable(b -> b.tableName("bad").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("a", ScalarAttributeType.S), def("b", ScalarAttributeType.S))
        .keySchema(hash("a"))
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("lsi").keySchema(hash("a"), range("b"))
            .projection(p -> p.projectionType(ProjectionType.ALL)).build())))
        .hasMessageContaining("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
    assertThatThrownBy(() -> ddb.createTable(b -> b.tableName("bad").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("a", ScalarAttributeType.S))
        .keySchema(hash("a"))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi").keySchema(hash("missing"))
            .projection(p -> p.projectionType(ProjectionType.ALL)).build())))
        .hasMessageContaining("Some index key attributes are not defined in AttributeDefinitions");
    assertThat(List.of(ddb.listTables().tableNames())).noneMatch(l -> l.contains("bad"));
  }

  @Test
  void itemCollectionMetricsOnTablesWithLocalIndexes() {
    var r = ddb.putItem(b -> b.tableName("posts").returnItemCollectionMetrics("SIZE")
        .item(Map.of("user", s("fay"), "post", n(1), "likes", n(1))));
    assertThat(r.itemCollectionMetrics().itemCollectionKey()).containsOnlyKeys("user");
    assertThat(r.itemCollectionMetrics().itemCollectionKey().get("user").s()).isEqualTo("fay");
    assertThat(r.itemCollectionMetrics().sizeEstimateRangeGB()).containsExactly(0.0, 1.0);
    var plain = ddb.putItem(b -> b.tableName("posts").item(Map.of("user", s("fay"), "post", n(2))));
    assertThat(plain.itemCollectionMetrics()).isNull();
  }

  @Test
  void describeTableCountsWhatEachIndexHolds() {
    // Strings only, so sizes are easy to count: a name's bytes plus its value's.
    ddb.createTable(b -> b.tableName("sized").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("g", ScalarAttributeType.S))
        .keySchema(hash("pk"))
        .globalSecondaryIndexes(
            GlobalSecondaryIndex.builder().indexName("keys").keySchema(hash("g"))
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build(),
            GlobalSecondaryIndex.builder().indexName("some").keySchema(hash("g"))
                .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("a")).build(),
            GlobalSecondaryIndex.builder().indexName("all").keySchema(hash("g"))
                .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
    for (String pk : List.of("p1", "p2")) {
      ddb.putItem(b -> b.tableName("sized").item(Map.of("pk", s(pk), "g", s("x"), "a", s("aaaa"), "b", s("bbbbbbbb"))));
    }
    // Without g the item is in no index (they are sparse).
    ddb.putItem(b -> b.tableName("sized").item(Map.of("pk", s("p3"), "a", s("aaaa"))));
    TableDescription d = ddb.describeTable(b -> b.tableName("sized")).table();
    // Each item: pk+p1 (4), g+x (2), a+aaaa (5), b+bbbbbbbb (9); p3: pk+p3 (4), a+aaaa (5).
    assertThat(d.tableSizeBytes()).isEqualTo(2 * 20 + 9);
    assertThat(d.itemCount()).isEqualTo(3);
    Map<String, Long> sizes = new java.util.HashMap<>();
    Map<String, Long> counts = new java.util.HashMap<>();
    d.globalSecondaryIndexes().forEach(g -> {
      sizes.put(g.indexName(), g.indexSizeBytes());
      counts.put(g.indexName(), g.itemCount());
    });
    assertThat(sizes).containsExactlyInAnyOrderEntriesOf(Map.of("keys", 2 * 6L, "some", 2 * 11L, "all", 2 * 20L));
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("keys", 2L, "some", 2L, "all", 2L));
    // The local index of posts holds the keys and likes of every item that has likes.
    ddb.createTable(b -> b.tableName("sized-local").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.S), def("l", ScalarAttributeType.S))
        .keySchema(hash("pk"), range("sk"))
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byL").keySchema(hash("pk"), range("l"))
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
    ddb.putItem(b -> b.tableName("sized-local").item(Map.of("pk", s("p"), "sk", s("s"), "l", s("ll"), "x", s("xxxxxx"))));
    TableDescription local = ddb.describeTable(b -> b.tableName("sized-local")).table();
    // pk+p, sk+s, l+ll: 3 bytes each.
    assertThat(local.localSecondaryIndexes().get(0).indexSizeBytes()).isEqualTo(9);
    assertThat(local.localSecondaryIndexes().get(0).itemCount()).isEqualTo(1);
  }
}
