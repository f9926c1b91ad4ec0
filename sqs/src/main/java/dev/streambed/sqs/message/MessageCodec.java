package dev.streambed.sqs.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A message's stored form: a format byte, then its fields in a fixed order (strings as UTF-8
 * with a length, absent ones as length -1). Binary, because bodies reach a megabyte and
 * binary attribute values would otherwise be re-encoded.
 */
final class MessageCodec {
  private static final int FORMAT = 1;

  private MessageCodec() {}

  static byte[] encode(StoredMessage m) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(m.body().length() + 128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeLong(m.sequence());
      string(out, m.messageId());
      string(out, m.body());
      attributes(out, m.attributes());
      attributes(out, m.systemAttributes());
      out.writeLong(m.sentMillis());
      string(out, m.senderId());
      out.writeLong(m.visibleAt());
      out.writeInt(m.receiveCount());
      out.writeLong(m.firstReceivedMillis());
      out.writeLong(m.lastReceivedMillis());
      out.writeLong(m.receipt());
      string(out, m.groupId());
      string(out, m.deduplicationId());
      string(out, m.deadLetterSourceArn());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static StoredMessage decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException("unknown message format " + format);
      }
      return new StoredMessage(in.readLong(), string(in), string(in), attributes(in), attributes(in),
          in.readLong(), string(in), in.readLong(), in.readInt(), in.readLong(), in.readLong(),
          in.readLong(), string(in), string(in), string(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void attributes(DataOutputStream out, Map<String, MessageAttribute> attributes)
      throws IOException {
    out.writeInt(attributes.size());
    for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
      string(out, e.getKey());
      string(out, e.getValue().dataType());
      string(out, e.getValue().stringValue());
      bytes(out, e.getValue().binaryValue());
    }
  }

  private static SortedMap<String, MessageAttribute> attributes(DataInputStream in) throws IOException {
    int n = in.readInt();
    SortedMap<String, MessageAttribute> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      out.put(string(in), new MessageAttribute(string(in), string(in), bytes(in)));
    }
    return out;
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    bytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  private static String string(DataInputStream in) throws IOException {
    byte[] b = bytes(in);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    return n < 0 ? null : in.readNBytes(n);
  }
}
