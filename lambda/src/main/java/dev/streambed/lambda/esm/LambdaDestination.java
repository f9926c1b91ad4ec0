package dev.streambed.lambda.esm;

import dev.streambed.lambda.FunctionRef;
import dev.streambed.lambda.Invocations;

/**
 * An on-failure destination that is a Lambda function: the record is its event, invoked
 * asynchronously (InvocationType Event), as Lambda delivers to function destinations of
 * asynchronous invocations.
 */
public final class LambdaDestination implements FailureDestinations.Sender {
  private final Invocations invocations;

  public LambdaDestination(Invocations invocations) {
    this.invocations = invocations;
  }

  @Override
  public void send(String destinationArn, MappingConfig mapping, byte[] record) {
    invocations.invoke(FunctionRef.parse(destinationArn, mapping.account(), mapping.region()), "Event", null,
        record, null);
  }
}
