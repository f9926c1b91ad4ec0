package dev.streambed.tests;

import static dev.streambed.tests.ReadOptionsTest.def;
import static dev.streambed.tests.ReadOptionsTest.hash;
import static dev.streambed.tests.ReadOptionsTest.n;
import static dev.streambed.tests.ReadOptionsTest.range;
import static dev.streambed.tests.ReadOptionsTest.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * ReturnConsumedCapacity TOTAL and INDEXES through the SDK, for reads of the table and of each
 * kind of index and for writes that touch indexes, in the shape AWS gives them: the total, and
 * with INDEXES the table's part and a map of index name to its part.
 */
class ConsumedCapacityTest {
  private static Streambed streambed;
  private static DynamoDbClient ddb;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    ddb = streambed.dynamoDb();
    ddb.createTable(b -> b.tableName("costs").billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("pk", ScalarAttributeType.S), def("sk", ScalarAttributeType.N),
            def("kind", ScalarAttributeType.S), def("score", ScalarAttributeType.N))
        .keySchema(hash("pk"), range("sk"))
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byKind").keySchema(hash("kind"), range("sk"))
            .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("v")).build())
        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byScore").keySchema(hash("pk"), range("score"))
            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
    for (int i = 1; i <= 4; i++) {
      int k = i;
      ddb.putItem(b -> b.tableName("costs").item(Map.of("pk", s("a"), "sk", n(k), "kind", s("k"),
          "score", n(k), "v", s("v"), "w", s("w".repeat(1500)))));
    }
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streambed.close();
  }

  private static Capacity units(double u) {
    return Capacity.builder().capacityUnits(u).build();
  }

  @Test
  void readsOfTheTable() {
    // Four items of about 1.5 KB: 6 KB, two units of 4 KB strongly consistent, half that eventually.
    ConsumedCapacity total = ddb.query(b -> b.tableName("costs").keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("a"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
    assertThat(total).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(1.0).build());
    ConsumedCapacity consistent = ddb.query(b -> b.tableName("costs").keyConditionExpression("pk = :p").consistentRead(true)
        .expressionAttributeValues(Map.of(":p", s("a"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
    assertThat(consistent).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(2.0).table(units(2.0)).build());
    // A read of nothing costs the minimum of its kind.
    assertThat(ddb.query(b -> b.tableName("costs").keyConditionExpression("pk = :p")
        .expressionAttributeValues(Map.of(":p", s("nobody"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
        .consumedCapacity().capacityUnits()).isEqualTo(0.5);
    assertThat(ddb.scan(b -> b.tableName("costs").returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).consistentRead(true))
        .consumedCapacity()).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(2.0).table(units(2.0)).build());
    Map<String, AttributeValue> key = Map.of("pk", s("a"), "sk", n(1));
    assertThat(ddb.getItem(b -> b.tableName("costs").key(key).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
        .consumedCapacity()).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(0.5).table(units(0.5)).build());
    assertThat(ddb.getItem(b -> b.tableName("costs").key(key).consistentRead(true)
        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().capacityUnits()).isEqualTo(1.0);
  }

  @Test
  void readsOfIndexesAreBookedToTheIndex() {
    ConsumedCapacity global = ddb.query(b -> b.tableName("costs").indexName("byKind").keyConditionExpression("kind = :k")
        .expressionAttributeValues(Map.of(":k", s("k"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
    assertThat(global).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(0.5).table(units(0.0))
        .globalSecondaryIndexes(Map.of("byKind", units(0.5))).build());
    assertThat(ddb.scan(b -> b.tableName("costs").indexName("byKind").returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
        .consumedCapacity().globalSecondaryIndexes()).isEqualTo(Map.of("byKind", units(0.5)));
    ConsumedCapacity local = ddb.query(b -> b.tableName("costs").indexName("byScore").keyConditionExpression("pk = :p")
        .consistentRead(true).expressionAttributeValues(Map.of(":p", s("a"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
        .consumedCapacity();
    assertThat(local).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(1.0).table(units(0.0))
        .localSecondaryIndexes(Map.of("byScore", units(1.0))).build());
    // Attributes the local index lacks are fetched from the table: one read of each item.
    ConsumedCapacity fetched = ddb.query(b -> b.tableName("costs").indexName("byScore").keyConditionExpression("pk = :p")
        .projectionExpression("w").expressionAttributeValues(Map.of(":p", s("a")))
        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
    assertThat(fetched).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(2.5).table(units(2.0))
        .localSecondaryIndexes(Map.of("byScore", units(0.5))).build());
  }

  @Test
  void writesChargeEveryIndexTheyChange() {
    ConsumedCapacity put = ddb.putItem(b -> b.tableName("costs").item(Map.of("pk", s("b"), "sk", n(1), "kind", s("m"),
        "score", n(1), "v", s("v"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
    assertThat(put).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(3.0).table(units(1.0))
        .globalSecondaryIndexes(Map.of("byKind", units(1.0))).localSecondaryIndexes(Map.of("byScore", units(1.0))).build());
    Map<String, AttributeValue> key = Map.of("pk", s("b"), "sk", n(1));
    // w is in neither index: only the table is written.
    assertThat(ddb.updateItem(b -> b.tableName("costs").key(key).updateExpression("SET w = :w")
        .expressionAttributeValues(Map.of(":w", s("w"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
        .consumedCapacity()).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(1.0).table(units(1.0)).build());
    // v is projected into byKind, whose entry is rewritten in place.
    assertThat(ddb.updateItem(b -> b.tableName("costs").key(key).updateExpression("SET v = :v")
        .expressionAttributeValues(Map.of(":v", s("v2"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
        .consumedCapacity().globalSecondaryIndexes()).isEqualTo(Map.of("byKind", units(1.0)));
    // A new kind moves the entry: a delete and a put.
    assertThat(ddb.updateItem(b -> b.tableName("costs").key(key).updateExpression("SET kind = :k")
        .expressionAttributeValues(Map.of(":k", s("j"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
        .consumedCapacity()).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(3.0).build());
    assertThat(ddb.deleteItem(b -> b.tableName("costs").key(key).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
        .consumedCapacity()).isEqualTo(ConsumedCapacity.builder().tableName("costs").capacityUnits(3.0).table(units(1.0))
        .globalSecondaryIndexes(Map.of("byKind", units(1.0))).localSecondaryIndexes(Map.of("byScore", units(1.0))).build());
  }
}
