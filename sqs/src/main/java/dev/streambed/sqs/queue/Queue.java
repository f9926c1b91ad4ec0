package dev.streambed.sqs.queue;

import java.util.Map;
import java.util.SortedMap;

/**
 * A queue as stored: its attributes as SQS shows them (every settable attribute with its value,
 * defaults included), times in epoch millis, and the id under which its messages are kept.
 *
 * @param id drawn at creation and again at each purge; the messages live under it
 * @param purgedMillis when the queue was last purged, 0 if never (PurgeQueue's 60-second rule)
 */
public record Queue(QueueRef ref, long id, SortedMap<String, String> attributes, long createdMillis,
    long modifiedMillis, SortedMap<String, String> tags, long purgedMillis) {

  public String arn() {
    return ref.arn();
  }

  public boolean fifo() {
    return "true".equals(attributes.get(QueueAttributes.FIFO_QUEUE));
  }

  public int visibilityTimeout() {
    return integer(QueueAttributes.VISIBILITY_TIMEOUT);
  }

  public int delaySeconds() {
    return integer(QueueAttributes.DELAY_SECONDS);
  }

  public int maximumMessageSize() {
    return integer(QueueAttributes.MAXIMUM_MESSAGE_SIZE);
  }

  public int retentionSeconds() {
    return integer(QueueAttributes.MESSAGE_RETENTION_PERIOD);
  }

  public int receiveWaitSeconds() {
    return integer(QueueAttributes.RECEIVE_MESSAGE_WAIT_TIME_SECONDS);
  }

  public boolean contentBasedDeduplication() {
    return "true".equals(attributes.get(QueueAttributes.CONTENT_BASED_DEDUPLICATION));
  }

  /** The dead-letter queue and the receive count past which messages move there, or null. */
  public RedrivePolicy redrivePolicy() {
    String json = attributes.get(QueueAttributes.REDRIVE_POLICY);
    return json == null ? null : RedrivePolicy.parse(json);
  }

  private int integer(String name) {
    return Integer.parseInt(attributes.get(name));
  }

  public Queue with(long newId, SortedMap<String, String> newAttributes, long modified,
      SortedMap<String, String> newTags, long purged) {
    return new Queue(ref, newId, newAttributes, createdMillis, modified, newTags, purged);
  }

  /** The attributes in the form SQS answers, as an immutable map. */
  public Map<String, String> attributeMap() {
    return java.util.Collections.unmodifiableSortedMap(attributes);
  }
}
