package dev.streambed.sqs.api;

import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.queue.Queue;

/** TagQueue, UntagQueue and ListQueueTags. */
final class TagOperations {
  private TagOperations() {}

  static JsonOperation tag(Sqs sqs) {
    return (in, context, out) -> {
      if (in.get("Tags") == null || in.get("Tags").isNull()) {
        throw SqsError.missing("Tags");
      }
      sqs.queues().tag(Wire.queue(in, context), Wire.stringMap(in, "Tags"));
      Wire.empty(out);
    };
  }

  static JsonOperation untag(Sqs sqs) {
    return (in, context, out) -> {
      if (in.get("TagKeys") == null || in.get("TagKeys").isNull()) {
        throw SqsError.missing("TagKeys");
      }
      sqs.queues().untag(Wire.queue(in, context), Wire.strings(in, "TagKeys"));
      Wire.empty(out);
    };
  }

  static JsonOperation list(Sqs sqs) {
    return (in, context, out) -> {
      Queue q = sqs.queues().require(Wire.queue(in, context));
      out.writeStartObject();
      if (!q.tags().isEmpty()) {
        Wire.writeStringMap(out, "Tags", q.tags());
      }
      out.writeEndObject();
    };
  }
}
