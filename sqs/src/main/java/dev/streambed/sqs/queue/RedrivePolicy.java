package dev.streambed.sqs.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.sqs.SqsError;
import java.io.IOException;

/**
 * A queue's RedrivePolicy: {@code {"deadLetterTargetArn": ARN, "maxReceiveCount": N}}. A message
 * received more than N times moves to the dead-letter queue instead of being received again.
 */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a stored policy. */
  static RedrivePolicy parse(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new RedrivePolicy(n.get("deadLetterTargetArn").asText(), n.get("maxReceiveCount").asInt());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("stored RedrivePolicy unreadable: " + json, e);
    }
  }

  /**
   * Checks a RedrivePolicy given by a user and returns it in the form SQS answers it
   * ({@code {"deadLetterTargetArn":"...","maxReceiveCount":N}}, the count a number).
   */
  static String normalize(String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      throw SqsError.invalidParameter(json, QueueAttributes.REDRIVE_POLICY,
          "Redrive policy is not a valid JSON map.");
    }
    if (n == null || !n.isObject()) {
      throw SqsError.invalidParameter(json, QueueAttributes.REDRIVE_POLICY,
          "Redrive policy is not a valid JSON map.");
    }
    JsonNode target = n.get("deadLetterTargetArn");
    if (target == null) {
      throw SqsError.invalidParameter(json, QueueAttributes.REDRIVE_POLICY,
          "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
    }
    if (!target.isTextual() || QueueRef.fromArn(target.textValue()) == null) {
      throw SqsError.invalidParameter(json, QueueAttributes.REDRIVE_POLICY,
          "Invalid value for deadLetterTargetArn.");
    }
    JsonNode count = n.get("maxReceiveCount");
    if (count == null) {
      throw SqsError.invalidParameter(json, QueueAttributes.REDRIVE_POLICY,
          "Redrive policy does not contain mandatory attribute: maxReceiveCount.");
    }
    int max;
    try {
      max = count.isNumber() ? count.intValue() : Integer.parseInt(count.asText().trim());
    } catch (NumberFormatException e) {
      max = -1;
    }
    if (max < 1 || max > 1000) {
      throw SqsError.invalidParameter(json, QueueAttributes.REDRIVE_POLICY,
          "Invalid value for maxReceiveCount: " + count.asText()
              + ", valid values are from 1 to 1000 both inclusive.");
    }
    com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
    out.put("deadLetterTargetArn", target.textValue());
    out.put("maxReceiveCount", max);
    return out.toString();
  }
}
