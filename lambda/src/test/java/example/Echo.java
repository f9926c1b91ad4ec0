package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** A handler for the runtime tests: answers with what it was given and what its context says. */
public class Echo implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  static {
    System.out.println("init line");
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    System.out.println("got " + event.get("n"));
    context.getLogger().log("logged\nover two lines");
    if (event.containsKey("fail")) {
      throw new IllegalArgumentException("bad input: " + event.get("fail"));
    }
    if (event.containsKey("sleep")) {
      try {
        Thread.sleep(((Number) event.get("sleep")).longValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("n", ((Number) event.get("n")).intValue() + 1);
    answer.put("name", context.getFunctionName());
    answer.put("request", context.getAwsRequestId());
    answer.put("memory", context.getMemoryLimitInMB());
    answer.put("remaining", context.getRemainingTimeInMillis() > 0);
    return answer;
  }
}
