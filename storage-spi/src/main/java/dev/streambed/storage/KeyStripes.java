package dev.streambed.storage;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks for a backend's batches, one per stripe of the key space: a batch locks the stripes of
 * the keys it checks or writes, always in stripe order so that two batches never deadlock, and
 * batches on different keys proceed in parallel.
 */
public final class KeyStripes {
  private final ReentrantLock[] locks;

  public KeyStripes(int stripes) {
    locks = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** The stripes a batch holds while it applies; {@link Held#close()} lets them go. */
  public final class Held implements AutoCloseable {
    private final int[] stripes;

    private Held(int[] stripes) {
      this.stripes = stripes;
    }

    @Override
    public void close() {
      for (int i = stripes.length - 1; i >= 0; i--) {
        locks[stripes[i]].unlock();
      }
    }
  }

  /** Locks every stripe the batch touches, in order. */
  public Held lock(Batch batch) {
    int[] ids = new int[batch.writes().size() + batch.checks().size()];
    int i = 0;
    for (Batch.Write w : batch.writes()) {
      ids[i++] = stripe(w.key());
    }
    for (Batch.Check c : batch.checks()) {
      ids[i++] = stripe(c.key());
    }
    int[] ordered = Arrays.stream(ids).sorted().distinct().toArray();
    for (int s : ordered) {
      locks[s].lock();
    }
    return new Held(ordered);
  }

  private int stripe(byte[] key) {
    int h = Arrays.hashCode(key);
    h ^= h >>> 16;
    return Math.floorMod(h, locks.length);
  }
}
