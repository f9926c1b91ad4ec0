package dev.streambed.storage.memory;

import dev.streambed.storage.Batch;
import dev.streambed.storage.ByteKey;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import dev.streambed.storage.KeyStripes;

/**
 * The in-memory backend: a concurrent sorted map for range reads, and a concurrent hash map of
 * the same entries for point reads, which are most of the traffic and need no ordered search.
 * Reads take no lock. A batch locks the stripes of the keys it touches (always in stripe order,
 * so batches never deadlock), checks versions, and applies its writes to both maps; batches on
 * different keys proceed in parallel.
 */
public final class MemoryStorage implements Storage {
  private static final int STRIPES = 1024;

  private record Stored(byte[] value, long version) {}

  private final ConcurrentSkipListMap<byte[], Stored> map =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  private final java.util.concurrent.ConcurrentHashMap<ByteKey, Stored> points =
      new java.util.concurrent.ConcurrentHashMap<>(1024);
  private final KeyStripes stripes = new KeyStripes(STRIPES);
  private final AtomicLong versions = new AtomicLong();

  @Override
  public Entry get(byte[] key) {
    Stored s = points.get(ByteKey.of(key));
    return s == null ? null : new Entry(key, s.value, s.version);
  }

  @Override
  public List<Entry> range(byte[] from, byte[] to, boolean reverse, int limit) {
    NavigableMap<byte[], Stored> view =
        to == null ? map.tailMap(from, true) : map.subMap(from, true, to, false);
    if (reverse) {
      view = view.descendingMap();
    }
    List<Entry> out = new ArrayList<>(Math.min(limit, 64));
    for (Map.Entry<byte[], Stored> e : view.entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(new Entry(e.getKey(), e.getValue().value, e.getValue().version));
    }
    return out;
  }

  @Override
  public void commit(Batch batch) {
    try (KeyStripes.Held held = stripes.lock(batch)) {
      for (Batch.Check check : batch.checks()) {
        Stored current = points.get(ByteKey.of(check.key()));
        long version = current == null ? ABSENT : current.version;
        if (version != check.version()) {
          throw new VersionConflictException("version of key changed: expected "
              + check.version() + ", found " + version);
        }
      }
      for (Batch.Write w : batch.writes()) {
        ByteKey hashKey = ByteKey.of(w.key());
        if (w.value() == null) {
          // Hash map first: a point read never sees a key the ordered map no longer has.
          points.remove(hashKey);
          map.remove(w.key());
        } else {
          Stored stored = new Stored(w.value(), versions.incrementAndGet());
          map.put(w.key(), stored);
          points.put(hashKey, stored);
        }
      }
    }
  }

  @Override
  public void close() {
    points.clear();
    map.clear();
  }
}
