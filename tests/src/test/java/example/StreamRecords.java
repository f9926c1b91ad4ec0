package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;

/** A DynamoDB stream function written against aws-lambda-java-events, as users write them. */
public class StreamRecords {
  public String handle(DynamodbEvent event, Context context) {
    for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
      Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
      System.out.println(record.getEventName() + " " + record.getEventSource() + " "
          + record.getDynamodb().getKeys().get("id").getS() + " Message="
          + (image == null ? null : image.get("Message").getS()) + " " + record.getDynamodb().getStreamViewType());
    }
    return "Processed " + event.getRecords().size();
  }
}
