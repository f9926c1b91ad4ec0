package dev.streambed.junit5.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;

/** Prints every new order: "order ID". */
public class CountOrders implements RequestHandler<DynamodbEvent, Void> {
  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    event.getRecords().stream().filter(r -> r.getEventName().equals("INSERT"))
        .forEach(r -> System.out.println("order " + r.getDynamodb().getKeys().get("id").getS()));
    return null;
  }
}
