package dev.streambed.sqs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.DeferredJsonOperation;
import dev.streambed.kernel.protocol.JsonResultWriter;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.message.Md5;
import dev.streambed.sqs.message.MessageAttribute;
import dev.streambed.sqs.message.Messages;
import dev.streambed.sqs.message.StoredMessage;
import dev.streambed.sqs.queue.Queue;
import dev.streambed.sqs.queue.QueueRef;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ReceiveMessage: up to MaxNumberOfMessages (1 to 10) messages, hidden for the visibility
 * timeout. With WaitTimeSeconds (or the queue's ReceiveMessageWaitTimeSeconds) it is a long
 * poll: the answer comes as soon as a message is there, or empty when the wait ends, and no
 * thread waits meanwhile. The system attributes named in AttributeNames or
 * MessageSystemAttributeNames, and the message attributes named in MessageAttributeNames
 * ({@code All}, {@code .*} or prefixes ending {@code .*}), come with each message.
 */
final class ReceiveMessage implements DeferredJsonOperation {
  private static final List<String> SYSTEM_ATTRIBUTES = List.of("SenderId", "SentTimestamp",
      "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp", "SequenceNumber",
      "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn");

  private final Sqs sqs;

  ReceiveMessage(Sqs sqs) {
    this.sqs = sqs;
  }

  @Override
  public CompletionStage<JsonResultWriter> begin(JsonNode in, RequestContext context) {
    QueueRef ref = Wire.queue(in, context);
    Queue q = sqs.queues().require(ref);
    Integer max = Wire.integer(in, "MaxNumberOfMessages");
    if (max != null && (max < 1 || max > 10)) {
      throw SqsError.invalidParameter(max, "MaxNumberOfMessages", "Must be between 1 and 10, if provided.");
    }
    Integer visibility = Wire.integer(in, "VisibilityTimeout");
    if (visibility != null && (visibility < 0 || visibility > Messages.MAX_VISIBILITY_SECONDS)) {
      throw SqsError.invalidParameter(visibility, "VisibilityTimeout", "Must be >= 0 and <= 43200, if provided.");
    }
    Integer wait = Wire.integer(in, "WaitTimeSeconds");
    if (wait != null && (wait < 0 || wait > 20)) {
      // Recorded from AWS, wording included.
      throw SqsError.invalidParameter(wait, "WaitTimeSeconds", "Must be >= 0 and <= 20, if provided.");
    }
    Set<String> system = new LinkedHashSet<>(Wire.strings(in, "AttributeNames"));
    system.addAll(Wire.strings(in, "MessageSystemAttributeNames"));
    List<String> attributeNames = Wire.strings(in, "MessageAttributeNames");
    CompletableFuture<List<Messages.Received>> received = sqs.receive(ref, max == null ? 1 : max,
        visibility, wait == null ? q.receiveWaitSeconds() : wait);
    CompletableFuture<JsonResultWriter> answer =
        received.thenApply(messages -> out -> write(out, messages, system, attributeNames));
    // A client that goes away cancels the answer; the wait behind it ends with it.
    answer.whenComplete((r, e) -> {
      if (e instanceof CancellationException) {
        received.cancel(false);
      }
    });
    return answer;
  }

  private static void write(JsonGenerator out, List<Messages.Received> messages, Set<String> system,
      List<String> attributeNames) throws IOException {
    out.writeStartObject();
    if (!messages.isEmpty()) {
      out.writeArrayFieldStart("Messages");
      for (Messages.Received r : messages) {
        writeMessage(out, r, system, attributeNames);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private static void writeMessage(JsonGenerator out, Messages.Received r, Set<String> system,
      List<String> attributeNames) throws IOException {
    StoredMessage m = r.message();
    out.writeStartObject();
    out.writeStringField("MessageId", m.messageId());
    out.writeStringField("ReceiptHandle", r.receiptHandle());
    out.writeStringField("MD5OfBody", Md5.ofBody(m.body()));
    out.writeStringField("Body", m.body());
    Map<String, String> attributes = systemAttributes(m, system);
    if (!attributes.isEmpty()) {
      Wire.writeStringMap(out, "Attributes", attributes);
    }
    SortedMap<String, MessageAttribute> chosen = chosen(m.attributes(), attributeNames);
    if (!chosen.isEmpty()) {
      out.writeStringField("MD5OfMessageAttributes", Md5.ofAttributes(chosen));
      Wire.writeMessageAttributes(out, "MessageAttributes", chosen);
    }
    out.writeEndObject();
  }

  private static Map<String, String> systemAttributes(StoredMessage m, Set<String> names) {
    boolean all = names.contains("All");
    Map<String, String> a = new TreeMap<>();
    for (String name : SYSTEM_ATTRIBUTES) {
      if (!all && !names.contains(name)) {
        continue;
      }
      String value = switch (name) {
        case "SenderId" -> m.senderId();
        case "SentTimestamp" -> Long.toString(m.sentMillis());
        case "ApproximateReceiveCount" -> Integer.toString(m.receiveCount());
        case "ApproximateFirstReceiveTimestamp" -> Long.toString(m.firstReceivedMillis());
        case "SequenceNumber" -> m.groupId() == null || m.deduplicationId() == null ? null
            : String.format("%020d", m.sequence());
        case "MessageDeduplicationId" -> m.deduplicationId();
        case "MessageGroupId" -> m.groupId();
        case "AWSTraceHeader" -> m.systemAttributes().containsKey("AWSTraceHeader")
            ? m.systemAttributes().get("AWSTraceHeader").stringValue() : null;
        case "DeadLetterQueueSourceArn" -> m.deadLetterSourceArn();
        default -> null;
      };
      if (value != null) {
        a.put(name, value);
      }
    }
    return a;
  }

  /** The message attributes MessageAttributeNames asks for: All, .*, *, names, or prefixes ending .*. */
  private static SortedMap<String, MessageAttribute> chosen(SortedMap<String, MessageAttribute> attributes,
      List<String> names) {
    SortedMap<String, MessageAttribute> out = new TreeMap<>();
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      for (String n : names) {
        boolean match = n.equals("All") || n.equals(".*") || n.equals("*") || n.equals(e.getKey())
            || (n.endsWith(".*") && e.getKey().startsWith(n.substring(0, n.length() - 2)));
        if (match) {
          out.put(e.getKey(), e.getValue());
          break;
        }
      }
    }
    return out;
  }
}
