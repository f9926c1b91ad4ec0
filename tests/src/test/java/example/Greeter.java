package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A Java function of the tests: greets, prints, logs, and fails, sleeps or exits when asked. */
public class Greeter implements RequestHandler<Map<String, Object>, String> {
  static {
    System.out.println("Greeter loaded");
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    Object name = event.get("name");
    System.out.println("greeting " + name);
    context.getLogger().log("logged by " + context.getFunctionName() + "\nin two lines");
    if (name == null) {
      throw new IllegalArgumentException("no name given");
    }
    if (event.get("sleep") instanceof Number n) {
      try {
        Thread.sleep(n.longValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (event.get("exit") instanceof Number n) {
      System.exit(n.intValue());
    }
    return "Hello, " + name;
  }
}
