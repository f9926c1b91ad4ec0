package dev.streambed.embedded.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Says it has started, then waits until the test opens the gate. The two latches are found in
 * the system properties, the one place the function's class loader and the test's share.
 */
public class Gate implements RequestHandler<Map<String, Object>, String> {
  public static final String PROPERTY = "streambed.test.gate";

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    CountDownLatch[] latches = (CountDownLatch[]) System.getProperties().get(PROPERTY);
    latches[0].countDown();
    try {
      latches[1].await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "passed";
  }
}
