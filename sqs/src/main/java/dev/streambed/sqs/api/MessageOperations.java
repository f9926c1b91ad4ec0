package dev.streambed.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.queue.Queue;
import java.util.ArrayList;
import java.util.List;

/** DeleteMessage, ChangeMessageVisibility, and their batch forms. */
final class MessageOperations {
  private MessageOperations() {}

  /** One entry's work in a batch; an AwsException is that entry's failure. */
  @FunctionalInterface
  private interface EntryAction {
    void apply(Queue q, JsonNode entry);
  }

  static JsonOperation delete(Sqs sqs) {
    return (in, context, out) -> {
      Queue q = sqs.queues().require(Wire.queue(in, context));
      sqs.messages().delete(q, Wire.required(in, "ReceiptHandle"));
      Wire.empty(out);
    };
  }

  static JsonOperation changeVisibility(Sqs sqs) {
    return (in, context, out) -> {
      Queue q = sqs.queues().require(Wire.queue(in, context));
      String handle = Wire.required(in, "ReceiptHandle");
      sqs.messages().changeVisibility(q, handle, visibility(in));
      Wire.empty(out);
    };
  }

  static JsonOperation deleteBatch(Sqs sqs) {
    return batch(sqs, "DeleteMessageBatchRequestEntry",
        (q, e) -> sqs.messages().delete(q, Wire.required(e, "ReceiptHandle")));
  }

  static JsonOperation changeVisibilityBatch(Sqs sqs) {
    return batch(sqs, "ChangeMessageVisibilityBatchRequestEntry",
        (q, e) -> sqs.messages().changeVisibility(q, Wire.required(e, "ReceiptHandle"), visibility(e)));
  }

  private static int visibility(JsonNode in) {
    Integer seconds = Wire.integer(in, "VisibilityTimeout");
    if (seconds == null) {
      throw SqsError.missing("VisibilityTimeout");
    }
    return seconds;
  }

  private static JsonOperation batch(Sqs sqs, String entryShape, EntryAction action) {
    return (in, context, out) -> {
      Queue q = sqs.queues().require(Wire.queue(in, context));
      List<JsonNode> entries = Batches.entries(in, entryShape);
      List<String> done = new ArrayList<>();
      List<Batches.Failure> failed = new ArrayList<>();
      for (JsonNode e : entries) {
        String id = JsonMembers.string(e, "Id");
        try {
          action.apply(q, e);
          done.add(id);
        } catch (AwsException error) {
          failed.add(new Batches.Failure(id, error));
        }
      }
      out.writeStartObject();
      out.writeArrayFieldStart("Successful");
      for (String id : done) {
        out.writeStartObject();
        out.writeStringField("Id", id);
        out.writeEndObject();
      }
      out.writeEndArray();
      Batches.writeFailed(out, failed);
      out.writeEndObject();
    };
  }
}
