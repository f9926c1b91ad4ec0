package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;

/** Logs every new order written to the Orders table, from the table's stream. */
public class OrderHandler implements RequestHandler<DynamodbEvent, Void> {
  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
      if ("INSERT".equals(record.getEventName())) {
        Map<String, AttributeValue> order = record.getDynamodb().getNewImage();
        context.getLogger().log("New order " + order.get("id").getS() + ": " + order.get("total").getN());
      }
    }
    return null;
  }
}
