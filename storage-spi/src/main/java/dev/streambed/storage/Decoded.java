package dev.streambed.storage;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The decoded values of stored entries, kept while an entry's bytes stay the same: a service that
 * reads the same record on every request (a function's configuration on each invocation, a role
 * on each authorization) decodes it once per change instead of once per read. Nothing needs to be
 * told of writes: a value is reused only for the very bytes it was decoded from, so whatever
 * wrote the entry (a request, a restore, another service) the next read sees the new value.
 *
 * <p>Values are shared by every reader, so only immutable values (records of immutable parts, or
 * collections no reader changes) may be kept here.
 *
 * @param <T> the decoded type
 */
public final class Decoded<T> {
  private record Held<T>(byte[] bytes, T value) {}

  private final ConcurrentHashMap<ByteKey, Held<T>> held = new ConcurrentHashMap<>();
  private final int capacity;
  private final Function<byte[], T> decoder;

  /**
   * @param capacity how many entries to keep; past it the cache starts over (the records a hot
   *     path reads are few, so this only bounds memory when many are read once)
   * @param decoder bytes to value, or null when every read names its own
   */
  public Decoded(int capacity, Function<byte[], T> decoder) {
    this.capacity = capacity;
    this.decoder = decoder;
  }

  /** The value of {@code entry}, decoded now only if its bytes changed since the last read. */
  public T of(Entry entry) {
    return of(entry.key(), entry.value());
  }

  /** The value of the bytes stored under {@code key}. */
  public T of(byte[] key, byte[] bytes) {
    return of(key, bytes, decoder);
  }

  /**
   * The value of {@code entry}, decoded by {@code decoder} if its bytes changed: for values whose
   * decoding needs what the key names (the same for every read of that key).
   */
  public T of(Entry entry, Function<byte[], T> decoder) {
    return of(entry.key(), entry.value(), decoder);
  }

  private T of(byte[] key, byte[] bytes, Function<byte[], T> decoder) {
    ByteKey k = ByteKey.of(key);
    Held<T> h = held.get(k);
    if (h != null && (h.bytes == bytes || Arrays.equals(h.bytes, bytes))) {
      return h.value;
    }
    T value = decoder.apply(bytes);
    if (held.size() >= capacity) {
      held.clear();
    }
    held.put(k, new Held<>(bytes, value));
    return value;
  }
}
