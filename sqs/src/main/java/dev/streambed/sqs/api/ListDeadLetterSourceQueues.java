package dev.streambed.sqs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.queue.Queue;
import dev.streambed.sqs.queue.RedrivePolicy;
import java.io.IOException;
import java.util.function.Supplier;

/** ListDeadLetterSourceQueues: the queues whose RedrivePolicy names this one. */
final class ListDeadLetterSourceQueues implements JsonOperation {
  private final Sqs sqs;
  private final Supplier<String> endpoint;

  ListDeadLetterSourceQueues(Sqs sqs, Supplier<String> endpoint) {
    this.sqs = sqs;
    this.endpoint = endpoint;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    Queue target = sqs.queues().require(Wire.queue(in, context));
    String base = Wire.endpoint(context, endpoint);
    out.writeStartObject();
    out.writeArrayFieldStart("queueUrls");
    for (Queue q : sqs.queues().list(target.ref().account(), target.ref().region(), null, null, Integer.MAX_VALUE)) {
      RedrivePolicy p = q.redrivePolicy();
      if (p != null && p.deadLetterTargetArn().equals(target.arn())) {
        out.writeString(q.ref().url(base));
      }
    }
    out.writeEndArray();
    out.writeEndObject();
  }
}
