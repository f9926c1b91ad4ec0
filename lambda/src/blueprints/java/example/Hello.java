package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** A starter function: logs the event it receives and says hello. */
public class Hello implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    context.getLogger().log("Received event: " + Json.write(event, 0));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("statusCode", 200);
    response.put("body", "\"Hello from Lambda!\"");
    return response;
  }
}
