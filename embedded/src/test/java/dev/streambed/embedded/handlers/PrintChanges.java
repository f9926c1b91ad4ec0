package dev.streambed.embedded.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;

/** Prints the size of each batch, then each change as "EVENT id". */
public class PrintChanges implements RequestHandler<DynamodbEvent, Void> {
  /** Counts invocations in whichever class loader runs this class. */
  public static int invocations;

  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    invocations++;
    System.out.println("batch of " + event.getRecords().size() + " (invocation " + invocations + ")");
    for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
      System.out.println(r.getEventName() + " " + r.getDynamodb().getKeys().get("id").getS());
    }
    return null;
  }
}
