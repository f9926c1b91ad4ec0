package dev.streambed.sqs.message;

import java.util.SortedMap;

/**
 * A message as stored: what was sent, and where it is in its life. Times are epoch millis.
 *
 * @param sequence its place in the queue, in send order
 * @param systemAttributes the message system attributes sent with it (AWSTraceHeader)
 * @param visibleAt when it can next be received
 * @param receiveCount how often it was received (ApproximateReceiveCount)
 * @param firstReceivedMillis when it was first received, 0 before
 * @param lastReceivedMillis when it was last received, 0 before (visibility changes count from it)
 * @param receipt the token of its latest receipt handle, 0 before the first receive
 * @param groupId its message group (FIFO queues), or null
 * @param deduplicationId its deduplication id (FIFO queues), or null
 * @param deadLetterSourceArn the queue it was moved from as a dead letter, or null
 */
public record StoredMessage(long sequence, String messageId, String body,
    SortedMap<String, MessageAttribute> attributes, SortedMap<String, MessageAttribute> systemAttributes,
    long sentMillis, String senderId, long visibleAt, int receiveCount, long firstReceivedMillis,
    long lastReceivedMillis, long receipt, String groupId, String deduplicationId,
    String deadLetterSourceArn) {

  /** The message after a receive that hides it until {@code visibleUntil}. */
  StoredMessage received(long now, long visibleUntil, long token) {
    return new StoredMessage(sequence, messageId, body, attributes, systemAttributes, sentMillis,
        senderId, visibleUntil, receiveCount + 1, firstReceivedMillis == 0 ? now : firstReceivedMillis,
        now, token, groupId, deduplicationId, deadLetterSourceArn);
  }

  StoredMessage visibleFrom(long at) {
    return new StoredMessage(sequence, messageId, body, attributes, systemAttributes, sentMillis,
        senderId, at, receiveCount, firstReceivedMillis, lastReceivedMillis, receipt, groupId,
        deduplicationId, deadLetterSourceArn);
  }

  /** The same message as a dead letter in another queue, at its place there. */
  StoredMessage movedTo(long newSequence, long now, String sourceArn) {
    return new StoredMessage(newSequence, messageId, body, attributes, systemAttributes, sentMillis,
        senderId, now, receiveCount, firstReceivedMillis, lastReceivedMillis, 0, groupId,
        deduplicationId, sourceArn);
  }

  /** Whether it was received and is hidden now (in flight), rather than waiting for its delay. */
  boolean inFlight(long now) {
    return receiveCount > 0 && visibleAt > now;
  }
}
