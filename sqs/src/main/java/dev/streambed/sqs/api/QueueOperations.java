package dev.streambed.sqs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.queue.Queue;
import dev.streambed.sqs.queue.QueueRef;
import java.io.IOException;
import java.util.function.Supplier;

/** CreateQueue, GetQueueUrl, DeleteQueue and PurgeQueue. */
final class QueueOperations {
  private QueueOperations() {}

  static JsonOperation create(Sqs sqs, Supplier<String> endpoint) {
    return (in, context, out) -> {
      String name = Wire.required(in, "QueueName");
      QueueRef ref = new QueueRef(context.accountId(), context.region(), name);
      Queue q = sqs.queues().create(ref, Wire.stringMap(in, "Attributes"), Wire.stringMap(in, "tags"));
      url(out, q.ref().url(Wire.endpoint(context, endpoint)));
    };
  }

  static JsonOperation getUrl(Sqs sqs, Supplier<String> endpoint) {
    return (in, context, out) -> {
      String name = Wire.required(in, "QueueName");
      String owner = JsonMembers.string(in, "QueueOwnerAWSAccountId");
      QueueRef ref = new QueueRef(owner == null ? context.accountId() : owner, context.region(), name);
      if (sqs.queues().find(ref) == null) {
        throw SqsError.queueDoesNotExist();
      }
      url(out, ref.url(Wire.endpoint(context, endpoint)));
    };
  }

  static JsonOperation delete(Sqs sqs) {
    return (in, context, out) -> {
      sqs.deleteQueue(Wire.queue(in, context));
      Wire.empty(out);
    };
  }

  static JsonOperation purge(Sqs sqs) {
    return (in, context, out) -> {
      sqs.purgeQueue(Wire.queue(in, context));
      Wire.empty(out);
    };
  }

  private static void url(JsonGenerator out, String url) throws IOException {
    out.writeStartObject();
    out.writeStringField("QueueUrl", url);
    out.writeEndObject();
  }
}
