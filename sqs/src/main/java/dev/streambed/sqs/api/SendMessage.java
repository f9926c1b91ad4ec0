package dev.streambed.sqs.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.sqs.Sqs;
import dev.streambed.sqs.message.Messages;
import dev.streambed.sqs.message.OutgoingMessage;
import dev.streambed.sqs.queue.Queue;
import java.io.IOException;

/** SendMessage: the message's id and the digests the SDKs check against what they sent. */
final class SendMessage implements JsonOperation {
  private final Sqs sqs;

  SendMessage(Sqs sqs) {
    this.sqs = sqs;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    Queue q = sqs.queues().require(Wire.queue(in, context));
    Messages.Sent sent = sqs.messages().send(q, outgoing(in, context), false);
    out.writeStartObject();
    writeSent(out, sent);
    out.writeEndObject();
  }

  /** A message as SendMessage and each SendMessageBatch entry give it. */
  static OutgoingMessage outgoing(JsonNode in, RequestContext context) {
    return new OutgoingMessage(JsonMembers.string(in, "MessageBody"),
        Wire.messageAttributes(in, "MessageAttributes"), Wire.messageAttributes(in, "MessageSystemAttributes"),
        Wire.integer(in, "DelaySeconds"), JsonMembers.string(in, "MessageGroupId"),
        JsonMembers.string(in, "MessageDeduplicationId"), Wire.senderId(context));
  }

  static void writeSent(JsonGenerator out, Messages.Sent sent) throws IOException {
    out.writeStringField("MD5OfMessageBody", sent.md5OfBody());
    if (sent.md5OfAttributes() != null) {
      out.writeStringField("MD5OfMessageAttributes", sent.md5OfAttributes());
    }
    if (sent.md5OfSystemAttributes() != null) {
      out.writeStringField("MD5OfMessageSystemAttributes", sent.md5OfSystemAttributes());
    }
    out.writeStringField("MessageId", sent.messageId());
    if (sent.sequenceNumber() != null) {
      out.writeStringField("SequenceNumber", sent.sequenceNumber());
    }
  }
}
