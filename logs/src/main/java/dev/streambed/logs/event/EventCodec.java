package dev.streambed.logs.event;

import dev.streambed.logs.LogKeys;
import dev.streambed.storage.Entry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** An event's stored value: ingestion time (8 bytes), then the message in UTF-8. */
final class EventCodec {
  private EventCodec() {}

  static byte[] encode(long ingestionTime, String message) {
    byte[] m = message.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + m.length).putLong(ingestionTime).put(m).array();
  }

  static StoredEvent decode(String stream, Entry e) {
    ByteBuffer b = ByteBuffer.wrap(e.value());
    long ingested = b.getLong();
    String message = new String(e.value(), 8, e.value().length - 8, StandardCharsets.UTF_8);
    return new StoredEvent(stream, LogKeys.timestampOf(e.key()), LogKeys.sequenceOf(e.key()), ingested, message);
  }

  /** What an event counts toward the 1 MB response limit. */
  static int size(StoredEvent e) {
    String m = e.message();
    int bytes = 0;
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes + BatchRules.EVENT_OVERHEAD;
  }
}
