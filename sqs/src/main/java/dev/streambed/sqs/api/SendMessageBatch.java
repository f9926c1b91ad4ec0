package dev.streambed.sqs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.message.MessageAttribute;
import dev.streambed.sqs.message.Messages;
import dev.streambed.sqs.message.OutgoingMessage;
import dev.streambed.sqs.queue.Queue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SendMessageBatch: up to ten messages, at most 1 MiB together; each entry succeeds or fails
 * on its own, and a failed entry is reported with its Id, as SQS reports it.
 */
final class SendMessageBatch implements JsonOperation {
  private static final int MAX_BATCH_BYTES = 1_048_576;
  private final Sqs sqs;

  SendMessageBatch(Sqs sqs) {
    this.sqs = sqs;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    Queue q = sqs.queues().require(Wire.queue(in, context));
    List<JsonNode> entries = Batches.entries(in, "SendMessageBatchRequestEntry");
    List<OutgoingMessage> messages = new ArrayList<>();
    long total = 0;
    for (JsonNode e : entries) {
      OutgoingMessage m = SendMessage.outgoing(e, context);
      messages.add(m);
      total += size(m);
    }
    if (total > MAX_BATCH_BYTES) {
      throw new AwsException(SqsError.BATCH_REQUEST_TOO_LONG, "Batch requests cannot be longer than "
          + MAX_BATCH_BYTES + " bytes. You have sent " + total + " bytes.");
    }
    if (q.fifo()) {
      // SQS refuses the whole batch, not the entry, for a FIFO entry without its group or
      // deduplication id (as recorded from AWS).
      for (OutgoingMessage m : messages) {
        if (m.groupId() == null) {
          throw SqsError.invalid("The request must contain the parameter MessageGroupId.");
        }
        if (m.deduplicationId() == null && !q.contentBasedDeduplication()) {
          throw SqsError.invalid("The queue should either have ContentBasedDeduplication enabled or "
              + "MessageDeduplicationId provided explicitly");
        }
      }
    }
    List<Batches.Failure> failed = new ArrayList<>();
    out.writeStartObject();
    out.writeArrayFieldStart("Successful");
    for (int i = 0; i < entries.size(); i++) {
      String id = JsonMembers.string(entries.get(i), "Id");
      Messages.Sent sent;
      try {
        sent = sqs.messages().send(q, messages.get(i), true);
      } catch (AwsException e) {
        failed.add(new Batches.Failure(id, e));
        continue;
      }
      out.writeStartObject();
      out.writeStringField("Id", id);
      SendMessage.writeSent(out, sent);
      out.writeEndObject();
    }
    out.writeEndArray();
    Batches.writeFailed(out, failed);
    out.writeEndObject();
  }

  private static long size(OutgoingMessage m) {
    long n = m.body() == null ? 0 : m.body().getBytes(StandardCharsets.UTF_8).length;
    for (Map.Entry<String, MessageAttribute> a : m.attributes().entrySet()) {
      n += a.getKey().getBytes(StandardCharsets.UTF_8).length;
      n += a.getValue().dataType() == null ? 0 : a.getValue().dataType().getBytes(StandardCharsets.UTF_8).length;
      n += a.getValue().stringValue() == null ? 0 : a.getValue().stringValue().getBytes(StandardCharsets.UTF_8).length;
      n += a.getValue().binaryValue() == null ? 0 : a.getValue().binaryValue().length;
    }
    return n;
  }
}
