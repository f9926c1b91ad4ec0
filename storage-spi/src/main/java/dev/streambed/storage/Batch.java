package dev.streambed.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes and version checks applied together by {@link Storage#commit}. A key may be checked and
 * written in the same batch; it may be written at most once.
 */
public final class Batch {
  /** One operation of a batch: a put (value non-null) or a delete (value null). */
  public record Write(byte[] key, byte[] value) {}

  /** A condition: the key's current version must be {@code version}. */
  public record Check(byte[] key, long version) {}

  private final List<Write> writes = new ArrayList<>(4);
  private final List<Check> checks = new ArrayList<>(2);

  public Batch put(byte[] key, byte[] value) {
    writes.add(new Write(key, value));
    return this;
  }

  public Batch delete(byte[] key) {
    writes.add(new Write(key, null));
    return this;
  }

  /** Requires the key to be at {@code version} ({@link Storage#ABSENT} for "not present"). */
  public Batch expectVersion(byte[] key, long version) {
    checks.add(new Check(key, version));
    return this;
  }

  public List<Write> writes() {
    return Collections.unmodifiableList(writes);
  }

  public List<Check> checks() {
    return Collections.unmodifiableList(checks);
  }

  public boolean isEmpty() {
    return writes.isEmpty() && checks.isEmpty();
  }
}
