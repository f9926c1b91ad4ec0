package dev.streambed.lambda.esm;

import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each mapping stands in each shard, stored so that a restart resumes there: the sequence
 * number after which the mapping reads (every record up to it was delivered, filtered out or
 * given up), or {@link #FINISHED} once the shard is read to its end. Tumbling windows keep their
 * open windows' state beside it, written in the same batch, so state and position never part.
 *
 * <p>Storage keys: {@code 0x45 uuid 0x00 shardId}; the value is the position (8 bytes), then
 * the windows' JSON, if any.
 */
final class Checkpoints {
  private static final byte CHECKPOINT = 0x45;
  /** The position of a shard read to its end. */
  static final long FINISHED = Long.MAX_VALUE;

  private final Storage storage;

  Checkpoints(Storage storage) {
    this.storage = storage;
  }

  /**
   * A saved position.
   *
   * @param windows the open tumbling windows as JSON, or null
   */
  record Saved(long after, String windows) {}

  private static byte[] key(String uuid, String shardId) {
    byte[] u = (uuid + "\u0000" + shardId).getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[u.length + 1];
    k[0] = CHECKPOINT;
    System.arraycopy(u, 0, k, 1, u.length);
    return k;
  }

  Saved load(String uuid, String shardId) {
    Entry e = storage.get(key(uuid, shardId));
    if (e == null) {
      return null;
    }
    long after = ByteBuffer.wrap(e.value()).getLong();
    String windows = e.value().length > 8
        ? new String(Arrays.copyOfRange(e.value(), 8, e.value().length), StandardCharsets.UTF_8) : null;
    return new Saved(after, windows);
  }

  void save(String uuid, String shardId, long after, String windows) {
    byte[] w = windows == null ? new byte[0] : windows.getBytes(StandardCharsets.UTF_8);
    byte[] value = ByteBuffer.allocate(8 + w.length).putLong(after).put(w).array();
    storage.commit(new Batch().put(key(uuid, shardId), value));
  }

  /** Whether the mapping has a position in any shard: it has run before. */
  boolean any(String uuid) {
    byte[] prefix = key(uuid, "");
    return !storage.range(prefix, Keys.prefixEnd(prefix), false, 1).isEmpty();
  }

  /** Forgets every position of a deleted mapping. */
  void deleteAll(String uuid) {
    byte[] prefix = key(uuid, "");
    Batch b = new Batch();
    storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE).forEach(e -> b.delete(e.key()));
    if (!b.isEmpty()) {
      storage.commit(b);
    }
  }
}
