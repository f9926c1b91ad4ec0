package dev.streambed.kernel.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A JSON operation whose answer may come later, such as SQS's ReceiveMessage with WaitTimeSeconds:
 * it returns at once with a stage that completes with the writer of its result, or fails with an
 * {@link AwsException}. The front door writes the answer when the stage completes, without holding
 * a thread meanwhile, and cancels the stage when the client goes away.
 */
public interface DeferredJsonOperation extends JsonOperation {
  CompletionStage<JsonResultWriter> begin(JsonNode request, RequestContext context);

  /** Runs the operation to its end on the calling thread (for callers that may block). */
  @Override
  default void handle(JsonNode request, RequestContext context, JsonGenerator out) throws IOException {
    JsonResultWriter result;
    try {
      result = begin(request, context).toCompletableFuture().join();
    } catch (CompletionException | CancellationException e) {
      if (e.getCause() instanceof AwsException aws) {
        throw aws;
      }
      throw e;
    }
    result.write(out);
  }
}
