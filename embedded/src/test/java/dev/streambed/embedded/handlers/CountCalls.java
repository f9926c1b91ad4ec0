package dev.streambed.embedded.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Answers how many times its environment was called: 1 again after a cold start. */
public class CountCalls implements RequestHandler<Map<String, Object>, Integer> {
  private static int calls;

  @Override
  public Integer handleRequest(Map<String, Object> event, Context context) {
    return ++calls;
  }
}
