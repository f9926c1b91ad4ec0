package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-process function that holds its invocation until the test lets it go: the test leaves two
 * latches in the JVM's system properties (platform classes, so shared across class loaders).
 */
public class Gate implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    ((CountDownLatch) System.getProperties().get("gate.entered")).countDown();
    try {
      if (!((CountDownLatch) System.getProperties().get("gate.open")).await(30, TimeUnit.SECONDS)) {
        return "never opened";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "passed";
  }
}
