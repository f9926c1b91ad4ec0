package dev.streambed.storage;

import java.util.Arrays;

/**
 * A key's bytes compared by content, for hash maps: the hash is computed once. The bytes are
 * not copied, so they must not change while the key is in use.
 */
public record ByteKey(byte[] bytes, int hash) {
  public static ByteKey of(byte[] bytes) {
    return new ByteKey(bytes, Arrays.hashCode(bytes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey other && other.hash == hash && Arrays.equals(other.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.toString(bytes);
  }
}
