package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streambed.embedded.DeployedFunction;
import dev.streambed.embedded.StartingPosition;
import dev.streambed.embedded.Streambed;
import dev.streambed.junit5.WithStreambed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One Streambed for the class: the table and the trigger are set up once, and every test starts
 * from that set-up state, with no order of an earlier test left over.
 */
@WithStreambed
class OrderHandlerChangesTest {
  private static DeployedFunction handler;

  @BeforeAll
  static void setUp(Streambed streambed, DynamoDbClient ddb) {
    ddb.createTable(t -> t.tableName("Orders").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH"))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
    handler = streambed.deploy(OrderHandler.class).withTrigger("Orders", 100, StartingPosition.LATEST);
  }

  private static void order(DynamoDbClient ddb, String id, int total) {
    ddb.putItem(p -> p.tableName("Orders").item(Map.of("id", AttributeValue.fromS(id),
        "total", AttributeValue.fromN(Integer.toString(total)))));
  }

  @Test
  void updatesAndDeletesAreNotNewOrders(Streambed streambed, DynamoDbClient ddb) {
    order(ddb, "o-1", 10);
    order(ddb, "o-1", 12);
    ddb.deleteItem(d -> d.tableName("Orders").key(Map.of("id", AttributeValue.fromS("o-1"))));
    streambed.awaitQuiescent();
    assertEquals(List.of("New order o-1: 10"), handler.output());
  }

  @Test
  void ordersAreLoggedInTheOrderTheyWereWritten(Streambed streambed, DynamoDbClient ddb) {
    for (int i = 1; i <= 5; i++) {
      order(ddb, "o-" + i, i * 10);
    }
    streambed.awaitQuiescent();
    assertEquals(List.of("New order o-1: 10", "New order o-2: 20", "New order o-3: 30", "New order o-4: 40",
        "New order o-5: 50"), handler.output());
  }
}
