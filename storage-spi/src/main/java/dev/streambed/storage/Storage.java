package dev.streambed.storage;

import java.util.List;

/**
 * The storage SPI: an ordered map of byte keys to versioned byte values.
 *
 * <p>Keys are compared as unsigned bytes. Every stored value carries a version, a positive number
 * that changes whenever the key is written; an absent key has version {@link #ABSENT}. A
 * {@link Batch} is applied atomically: either all its version checks hold and all its writes are
 * applied, or none is and {@link VersionConflictException} is thrown. Callers build optimistic
 * read-check-write loops on this, so no caller needs a lock of its own.
 *
 * <p>Implementations are thread safe. Reads never block writes to other keys.
 */
public interface Storage extends AutoCloseable {
  /** The version of a key that holds no value. */
  long ABSENT = 0L;

  /** The entry stored under {@code key}, or null. */
  Entry get(byte[] key);

  /**
   * Entries with {@code from <= key < to} in key order, or in reverse order when {@code reverse},
   * at most {@code limit} of them. A null {@code to} means no upper bound.
   */
  List<Entry> range(byte[] from, byte[] to, boolean reverse, int limit);

  /** Applies the batch atomically, or throws {@link VersionConflictException} and applies nothing. */
  void commit(Batch batch);

  @Override
  void close();
}
