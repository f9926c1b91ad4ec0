package dev.streambed.sqs.message;

import java.util.Map;

/**
 * A message to send, as SendMessage takes it.
 *
 * @param delaySeconds its own delay, or null for the queue's DelaySeconds
 * @param groupId MessageGroupId, or null
 * @param deduplicationId MessageDeduplicationId, or null
 * @param senderId who sent it, shown as the SenderId attribute
 */
public record OutgoingMessage(String body, Map<String, MessageAttribute> attributes,
    Map<String, MessageAttribute> systemAttributes, Integer delaySeconds, String groupId,
    String deduplicationId, String senderId) {

  public static OutgoingMessage of(String body, String senderId) {
    return new OutgoingMessage(body, Map.of(), Map.of(), null, null, null, senderId);
  }
}
