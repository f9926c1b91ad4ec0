package dev.streambed.streams;

import dev.streambed.kernel.value.AttributeValue;
import java.util.Map;

/**
 * One stream record, as a consumer sees it.
 *
 * @param sequence the record's place in its shard (see {@link Sequences#format})
 * @param eventId 32 hexadecimal characters, unique per record
 * @param eventName INSERT, MODIFY or REMOVE
 * @param createdMillis when the write happened, by the injected clock
 * @param keys the item's primary key
 * @param newImage the item after the write, when the view type includes it and there is one
 * @param oldImage the item before the write, when the view type includes it and there is one
 * @param sizeBytes DynamoDB's item size of keys, new image and old image together
 * @param viewType the stream's view type when the record was written
 * @param serviceDeletion true for deletions made by time to live, which AWS marks with a
 *     {@code userIdentity} of the DynamoDB service
 */
public record StreamRecord(
    long sequence,
    String eventId,
    String eventName,
    long createdMillis,
    Map<String, AttributeValue> keys,
    Map<String, AttributeValue> newImage,
    Map<String, AttributeValue> oldImage,
    long sizeBytes,
    String viewType,
    boolean serviceDeletion) {

  public String sequenceNumber() {
    return Sequences.format(sequence);
  }
}
