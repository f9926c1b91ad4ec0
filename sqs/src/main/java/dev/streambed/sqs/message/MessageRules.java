package dev.streambed.sqs.message;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.queue.Queue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What SendMessage accepts (Amazon SQS Developer Guide, message quotas and message attributes):
 * a non-empty body of XML's characters, at most MaximumMessageSize bytes with its attributes, up
 * to ten attributes of the String, Number and Binary types, and the FIFO queue parameters.
 */
public final class MessageRules {
  private static final int MAX_ATTRIBUTES = 10;
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
  private static final Pattern DATA_TYPE = Pattern.compile("(String|Number|Binary)(\\..{1,250})?");
  private static final Pattern FIFO_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");

  private MessageRules() {}

  /**
   * Checks a message for {@code queue}. A batch entry's size error is worded as SQS words it in
   * SendMessageBatch ("cannot be validated" rather than "are invalid").
   */
  public static void check(Queue queue, OutgoingMessage m, boolean batchEntry) {
    if (m.body() == null || m.body().isEmpty()) {
      throw SqsError.missing("MessageBody");
    }
    checkCharacters(m.body());
    int size = m.body().getBytes(StandardCharsets.UTF_8).length;
    if (m.attributes().size() > MAX_ATTRIBUTES) {
      throw SqsError.invalid("Number of message attributes [" + m.attributes().size()
          + "] exceeds the allowed maximum [" + MAX_ATTRIBUTES + "].");
    }
    for (Map.Entry<String, MessageAttribute> e : m.attributes().entrySet()) {
      checkAttribute(e.getKey(), e.getValue());
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().size();
    }
    for (Map.Entry<String, MessageAttribute> e : m.systemAttributes().entrySet()) {
      if (!e.getKey().equals("AWSTraceHeader")) {
        throw SqsError.invalid("Message system attribute name '" + e.getKey() + "' is invalid.");
      }
      if (!e.getValue().dataType().equals("String") || e.getValue().stringValue() == null
          || e.getValue().stringValue().isEmpty()) {
        throw SqsError.invalid("Message (system) attribute 'AWSTraceHeader' must contain a non-empty "
            + "value of type 'String'.");
      }
    }
    if (size > queue.maximumMessageSize()) {
      throw SqsError.invalid("One or more parameters " + (batchEntry ? "cannot be validated" : "are invalid")
          + ". Reason: Message must be shorter than " + queue.maximumMessageSize() + " bytes.");
    }
    if (m.delaySeconds() != null && (m.delaySeconds() < 0 || m.delaySeconds() > 900)) {
      throw SqsError.invalidParameter(m.delaySeconds(), "DelaySeconds",
          "DelaySeconds must be >= 0 and <= 900.");
    }
    checkFifoId(m.groupId(), "MessageGroupId");
    checkFifoId(m.deduplicationId(), "MessageDeduplicationId");
    if (queue.fifo()) {
      checkFifo(queue, m, batchEntry);
    } else if (m.deduplicationId() != null) {
      throw SqsError.invalidParameter(m.deduplicationId(), "MessageDeduplicationId",
          "The request includes a parameter that is not valid for this queue type.");
    }
  }

  private static void checkFifo(Queue queue, OutgoingMessage m, boolean batchEntry) {
    if (m.delaySeconds() != null && m.delaySeconds() != 0) {
      // Recorded from AWS, wording included.
      throw SqsError.invalidParameter(m.delaySeconds(), "DelaySeconds",
          "The request include parameter that is not valid for this queue type.");
    }
    if (m.groupId() == null) {
      String message = "The request must contain the parameter MessageGroupId.";
      throw batchEntry ? SqsError.invalid(message) : new AwsException(SqsError.MISSING_PARAMETER, message);
    }
    if (m.deduplicationId() == null && !queue.contentBasedDeduplication()) {
      throw SqsError.invalid("The queue should either have ContentBasedDeduplication enabled or "
          + "MessageDeduplicationId provided explicitly");
    }
  }

  private static void checkFifoId(String id, String parameter) {
    if (id != null && !FIFO_ID.matcher(id).matches()) {
      throw SqsError.invalidParameter(id, parameter, parameter
          + " can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }
  }

  private static void checkAttribute(String name, MessageAttribute a) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!ATTRIBUTE_NAME.matcher(name).matches()) {
      throw SqsError.invalid("Message (user) attribute name '" + name + "' is invalid. Names can only "
          + "contain alphanumeric characters, hyphens, underscores and periods, up to 256 characters.");
    }
    if (lower.startsWith("aws.") || lower.startsWith("amazon.") || name.startsWith(".")
        || name.endsWith(".") || name.contains("..")) {
      throw SqsError.invalid("Message (user) attribute name '" + name + "' is invalid. Names cannot "
          + "start with 'AWS.' or 'Amazon.', start or end with a period, or contain two periods in a row.");
    }
    if (a.dataType() == null || a.dataType().isEmpty()) {
      throw SqsError.invalid("The message attribute '" + name + "' must contain non-empty message attribute type.");
    }
    if (!DATA_TYPE.matcher(a.dataType()).matches()) {
      throw SqsError.invalid("The type of message (user) attribute '" + name + "' is invalid. You must "
          + "use only the following supported type prefixes: Binary, Number, String.");
    }
    String base = a.dataType().startsWith("Binary") ? "Binary"
        : a.dataType().startsWith("Number") ? "Number" : "String";
    boolean empty = a.isBinary() ? a.binaryValue() == null || a.binaryValue().length == 0
        : a.stringValue() == null || a.stringValue().isEmpty();
    if (empty) {
      // Recorded from AWS for an empty String value.
      throw SqsError.invalid("Message (user) attribute '" + name + "' must contain a non-empty value of type '"
          + base + "'.");
    }
    if (base.equals("Number")) {
      try {
        new BigDecimal(a.stringValue().trim());
      } catch (NumberFormatException e) {
        throw SqsError.invalid("Can't cast the value of message (user) attribute '" + name + "' to a number.");
      }
    }
    if (!a.isBinary()) {
      checkCharacters(a.stringValue());
    }
  }

  /** The characters XML 1.0 allows: #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and beyond #xFFFF. */
  private static void checkCharacters(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      if (!ok) {
        throw new AwsException(SqsError.INVALID_MESSAGE_CONTENTS, "Invalid characters found. Valid unicode "
            + "characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
      }
      i += Character.charCount(c);
    }
  }
}
