package dev.streambed.sqs.message;

import dev.streambed.sqs.SqsKeys;
import dev.streambed.sqs.queue.Queue;
import dev.streambed.sqs.queue.QueueAttributes;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * FIFO queues' exactly-once sending: a message whose deduplication id was sent in the last five
 * minutes is accepted and not stored again (Amazon SQS Developer Guide, "Exactly-once
 * processing"). The id is the sender's, or the SHA-256 of the body with ContentBasedDeduplication;
 * with DeduplicationScope messageGroup it counts within its group only.
 */
final class Deduplication {
  static final long INTERVAL_MILLIS = 5 * 60_000;

  private final Storage storage;

  Deduplication(Storage storage) {
    this.storage = storage;
  }

  /** What the store holds for a deduplication id: the key, its version, and the earlier send. */
  record Seen(byte[] key, long version, long sequence, long sentMillis, String messageId) {
    boolean duplicate(long now) {
      return messageId != null && now - sentMillis < INTERVAL_MILLIS;
    }
  }

  static String ofContent(String body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  Seen find(Queue q, String groupId, String deduplicationId) {
    boolean perGroup = "messageGroup".equals(q.attributes().get(QueueAttributes.DEDUPLICATION_SCOPE));
    byte[] key = SqsKeys.deduplication(q.id(), perGroup ? groupId + "\u0000" + deduplicationId : deduplicationId);
    Entry e = storage.get(key);
    if (e == null) {
      return new Seen(key, Storage.ABSENT, 0, 0, null);
    }
    ByteBuffer b = ByteBuffer.wrap(e.value());
    long sequence = b.getLong();
    long sent = b.getLong();
    String messageId = new String(e.value(), 16, e.value().length - 16, StandardCharsets.UTF_8);
    return new Seen(key, e.version(), sequence, sent, messageId);
  }

  /** Adds the record of a send to its batch, guarded so that two senders of one id cannot both store. */
  void record(Batch batch, Queue q, Seen seen, StoredMessage m) {
    byte[] id = m.messageId().getBytes(StandardCharsets.UTF_8);
    batch.expectVersion(seen.key(), seen.version()).put(seen.key(),
        ByteBuffer.allocate(16 + id.length).putLong(m.sequence()).putLong(m.sentMillis()).put(id).array());
  }

  int deleteExpired(Queue q, long now) {
    byte[] prefix = SqsKeys.deduplications(q.id());
    int deleted = 0;
    List<Entry> all = storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE);
    for (Entry e : all) {
      if (now - ByteBuffer.wrap(e.value()).getLong(8) >= INTERVAL_MILLIS) {
        try {
          storage.commit(new Batch().expectVersion(e.key(), e.version()).delete(e.key()));
          deleted++;
        } catch (VersionConflictException renewed) {
          // Sent again meanwhile: kept.
        }
      }
    }
    return deleted;
  }
}
