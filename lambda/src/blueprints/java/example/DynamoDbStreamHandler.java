package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;

/** An Amazon DynamoDB trigger that logs the updates made to a table. */
public class DynamoDbStreamHandler implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    List<?> records = (List<?>) event.get("Records");
    // Each record is one change of one item: INSERT, MODIFY or REMOVE.
    for (Object r : records) {
      Map<?, ?> record = (Map<?, ?>) r;
      System.out.println(record.get("eventID"));
      System.out.println(record.get("eventName"));
      System.out.println("DynamoDB Record: " + Json.write(record.get("dynamodb"), 2));
    }
    return "Successfully processed " + records.size() + " records.";
  }
}
