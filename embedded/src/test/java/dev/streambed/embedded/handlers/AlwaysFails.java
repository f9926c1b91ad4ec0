package dev.streambed.embedded.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;

/** A handler that cannot process anything: a trigger on it retries until its records expire. */
public class AlwaysFails implements RequestHandler<DynamodbEvent, Void> {
  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    throw new IllegalStateException("cannot handle " + event.getRecords().size() + " records");
  }
}
