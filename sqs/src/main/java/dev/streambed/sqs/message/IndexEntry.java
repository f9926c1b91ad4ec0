package dev.streambed.sqs.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The value of a message's visibility index entry: enough to count and order messages without
 * reading them. Whether it was ever received (a hidden message that was is in flight, one that
 * was not is delayed), when it was sent (for retention), and its message group (FIFO order).
 */
record IndexEntry(boolean received, long sentMillis, String groupId) {
  static IndexEntry of(StoredMessage m) {
    return new IndexEntry(m.receiveCount() > 0, m.sentMillis(), m.groupId());
  }

  byte[] encode() {
    byte[] group = groupId == null ? new byte[0] : groupId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(10 + group.length).put((byte) (received ? 1 : 0))
        .put((byte) (groupId == null ? 0 : 1)).putLong(sentMillis).put(group).array();
  }

  static IndexEntry decode(byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    boolean received = b.get() == 1;
    boolean grouped = b.get() == 1;
    long sent = b.getLong();
    String group = grouped ? new String(value, 10, value.length - 10, StandardCharsets.UTF_8) : null;
    return new IndexEntry(received, sent, group);
  }
}
