package dev.streambed.streams;

import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemCodec;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a stream record (its sequence number is in the storage key): a version
 * byte, flags, the creation time, the event id, the size, the view type, then the key and the
 * images in the item codec's form, each behind its length.
 */
final class RecordCodec {
  private static final byte VERSION = 1;
  private static final List<String> EVENT_NAMES = List.of("INSERT", "MODIFY", "REMOVE");
  private static final List<String> VIEW_TYPES =
      List.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");
  private static final int HAS_NEW = 1 << 2;
  private static final int HAS_OLD = 1 << 3;
  private static final int SERVICE = 1 << 4;
  private static final HexFormat HEX = HexFormat.of();

  private RecordCodec() {}

  static byte[] encode(String eventName, long createdMillis, byte[] eventId, long sizeBytes,
      String viewType, Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage,
      Map<String, AttributeValue> oldImage, boolean serviceDeletion) {
    byte[] k = ItemCodec.encode(keys);
    byte[] n = newImage == null ? null : ItemCodec.encode(newImage);
    byte[] o = oldImage == null ? null : ItemCodec.encode(oldImage);
    int size = 1 + 1 + 8 + 16 + 8 + 1 + 4 + k.length + (n == null ? 0 : 4 + n.length)
        + (o == null ? 0 : 4 + o.length);
    int flags = EVENT_NAMES.indexOf(eventName) | (n == null ? 0 : HAS_NEW) | (o == null ? 0 : HAS_OLD)
        | (serviceDeletion ? SERVICE : 0);
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(VERSION).put((byte) flags).putLong(createdMillis).put(eventId).putLong(sizeBytes)
        .put((byte) VIEW_TYPES.indexOf(viewType));
    b.putInt(k.length).put(k);
    if (n != null) {
      b.putInt(n.length).put(n);
    }
    if (o != null) {
      b.putInt(o.length).put(o);
    }
    return b.array();
  }

  static StreamRecord decode(long sequence, byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte version = b.get();
    if (version != VERSION) {
      throw new IllegalStateException("unknown stream record version " + version);
    }
    int flags = b.get();
    long created = b.getLong();
    byte[] id = new byte[16];
    b.get(id);
    long size = b.getLong();
    String viewType = VIEW_TYPES.get(b.get());
    Map<String, AttributeValue> keys = item(b);
    Map<String, AttributeValue> newImage = (flags & HAS_NEW) != 0 ? item(b) : null;
    Map<String, AttributeValue> oldImage = (flags & HAS_OLD) != 0 ? item(b) : null;
    return new StreamRecord(sequence, HEX.formatHex(id), EVENT_NAMES.get(flags & 3), created,
        keys, newImage, oldImage, size, viewType, (flags & SERVICE) != 0);
  }

  /** The creation time alone, for trimming without decoding the images. */
  static long createdMillis(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 2, 8).getLong();
  }

  private static Map<String, AttributeValue> item(ByteBuffer b) {
    byte[] bytes = new byte[b.getInt()];
    b.get(bytes);
    return ItemCodec.decode(bytes);
  }
}
