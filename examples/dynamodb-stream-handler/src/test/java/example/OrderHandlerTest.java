package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streambed.embedded.StartingPosition;
import dev.streambed.embedded.Streambed;
import dev.streambed.junit5.WithStreambed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@WithStreambed
class OrderHandlerTest {
  @Test
  void logsEveryNewOrder(Streambed streambed, DynamoDbClient ddb) {
    ddb.createTable(t -> t.tableName("Orders").billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH"))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE")));
    var handler = streambed.deploy(OrderHandler.class).withTrigger("Orders", 10, StartingPosition.TRIM_HORIZON);

    ddb.putItem(p -> p.tableName("Orders").item(Map.of("id", AttributeValue.fromS("o-1"), "total", AttributeValue.fromN("42"))));
    streambed.awaitQuiescent();

    assertEquals(List.of("New order o-1: 42"), handler.output());
  }
}
