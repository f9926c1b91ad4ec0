package dev.streambed.sqs.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.message.Messages;
import dev.streambed.sqs.queue.Queue;
import dev.streambed.sqs.queue.QueueAttributes;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** GetQueueAttributes (All, or named attributes) and SetQueueAttributes. */
final class QueueAttributeOperations {
  private QueueAttributeOperations() {}

  static JsonOperation get(Sqs sqs) {
    return (in, context, out) -> {
      Queue q = sqs.queues().require(Wire.queue(in, context));
      List<String> names = Wire.strings(in, "AttributeNames");
      SortedMap<String, String> all = all(sqs, q, names);
      boolean everything = names.contains("All");
      SortedMap<String, String> shown = new TreeMap<>();
      for (String name : names) {
        if (name.equals("All")) {
          continue;
        }
        if (!all.containsKey(name) && !known(name)) {
          throw QueueAttributes.unknown(name);
        }
        if (all.containsKey(name)) {
          shown.put(name, all.get(name));
        }
      }
      out.writeStartObject();
      if (everything || !shown.isEmpty()) {
        Wire.writeStringMap(out, "Attributes", everything ? all : shown);
      }
      out.writeEndObject();
    };
  }

  static JsonOperation set(Sqs sqs) {
    return (in, context, out) -> {
      JsonNode attributes = in.get("Attributes");
      if (attributes == null || attributes.isNull()) {
        throw SqsError.missing("Attributes");
      }
      sqs.queues().setAttributes(Wire.queue(in, context), Wire.stringMap(in, "Attributes"));
      Wire.empty(out);
    };
  }

  /** Every attribute of the queue, the stored ones and those computed now. */
  private static SortedMap<String, String> all(Sqs sqs, Queue q, List<String> names) {
    SortedMap<String, String> a = new TreeMap<>(q.attributeMap());
    a.put("QueueArn", q.arn());
    a.put("CreatedTimestamp", Long.toString(q.createdMillis() / 1000));
    a.put("LastModifiedTimestamp", Long.toString(q.modifiedMillis() / 1000));
    if (names.contains("All") || names.stream().anyMatch(n -> n.startsWith("ApproximateNumberOfMessages"))) {
      Messages.Counts c = sqs.messages().counts(q);
      a.put("ApproximateNumberOfMessages", Integer.toString(c.visible()));
      a.put("ApproximateNumberOfMessagesNotVisible", Integer.toString(c.inFlight()));
      a.put("ApproximateNumberOfMessagesDelayed", Integer.toString(c.delayed()));
    }
    return a;
  }

  /** Names SQS knows though this queue has no value for them (a RedrivePolicy never set). */
  private static boolean known(String name) {
    return List.of(QueueAttributes.POLICY, QueueAttributes.REDRIVE_POLICY, QueueAttributes.REDRIVE_ALLOW_POLICY,
        QueueAttributes.KMS_MASTER_KEY_ID, QueueAttributes.KMS_DATA_KEY_REUSE_PERIOD_SECONDS,
        QueueAttributes.FIFO_QUEUE, QueueAttributes.CONTENT_BASED_DEDUPLICATION,
        QueueAttributes.DEDUPLICATION_SCOPE, QueueAttributes.FIFO_THROUGHPUT_LIMIT).contains(name);
  }
}
