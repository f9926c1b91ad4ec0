package dev.streambed.storage.memory;

import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory backend: a concurrent sorted map. Reads take no lock. A batch locks the stripes
 * of the keys it touches (always in stripe order, so batches never deadlock), checks versions,
 * and applies its writes; batches on different keys proceed in parallel.
 */
public final class MemoryStorage implements Storage {
  private static final int STRIPES = 1024;

  private record Stored(byte[] value, long version) {}

  private final ConcurrentSkipListMap<byte[], Stored> map =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final AtomicLong versions = new AtomicLong();

  public MemoryStorage() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  @Override
  public Entry get(byte[] key) {
    Stored s = map.get(key);
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
    int[] locked = stripesOf(batch);
    for (int s : locked) {
      stripes[s].lock();
    }
    try {
      for (Batch.Check check : batch.checks()) {
        Stored current = map.get(check.key());
        long version = current == null ? ABSENT : current.version;
        if (version != check.version()) {
          throw new VersionConflictException("version of key changed: expected "
              + check.version() + ", found " + version);
        }
      }
      for (Batch.Write w : batch.writes()) {
        if (w.value() == null) {
          map.remove(w.key());
        } else {
          map.put(w.key(), new Stored(w.value(), versions.incrementAndGet()));
        }
      }
    } finally {
      for (int i = locked.length - 1; i >= 0; i--) {
        stripes[locked[i]].unlock();
      }
    }
  }

  private static int[] stripesOf(Batch batch) {
    int n = batch.writes().size() + batch.checks().size();
    int[] ids = new int[n];
    int i = 0;
    for (Batch.Write w : batch.writes()) {
      ids[i++] = stripe(w.key());
    }
    for (Batch.Check c : batch.checks()) {
      ids[i++] = stripe(c.key());
    }
    return Arrays.stream(ids).sorted().distinct().toArray();
  }

  private static int stripe(byte[] key) {
    int h = Arrays.hashCode(key);
    h ^= h >>> 16;
    return Math.floorMod(h, STRIPES);
  }

  @Override
  public void close() {
    map.clear();
  }
}
