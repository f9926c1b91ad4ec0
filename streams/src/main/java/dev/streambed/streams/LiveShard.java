package dev.streambed.streams;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A shard while this process serves it: which sequence numbers are taken, which of them are
 * settled (their batch committed or failed), and who waits for more.
 *
 * <p>Writers take sequence numbers in order but commit in any order. Readers must never see a
 * record and later a smaller one appear, so what they may read ends at the {@linkplain #visible
 * visible} mark: every number at or below it is settled. The lock guards only the taking and
 * settling of numbers, never a storage call.
 */
final class LiveShard {
  final String shardId;
  final int ordinal;
  final int slot;
  final String parentShardId;
  final long startSeq;
  final long createdMillis;

  private final ArrayDeque<Ticket> inflight = new ArrayDeque<>();
  private final AtomicReference<CompletableFuture<Void>> signal = new AtomicReference<>();
  private long lastAllocated;
  private boolean closed;
  private volatile long visible;
  private volatile boolean drained;
  private volatile long endSeq = -1;
  private volatile long closedMillis;
  /** Held by whoever trims the shard, so trimming never runs twice at once. */
  final Object trimLock = new Object();
  /** Every record at or below this number is trimmed. */
  volatile long trimmedThrough;
  /** The creation time of the oldest record that may still be stored, or Long.MAX_VALUE. */
  volatile long oldestMillis = Long.MAX_VALUE;

  /** A taken sequence number, settled once its batch committed or failed. */
  static final class Ticket {
    final long seq;
    boolean settled;

    Ticket(long seq) {
      this.seq = seq;
    }
  }

  LiveShard(String shardId, int ordinal, int slot, String parentShardId, long startSeq,
      long createdMillis, long lastAllocated, long endSeq, long closedMillis) {
    this.shardId = shardId;
    this.ordinal = ordinal;
    this.slot = slot;
    this.parentShardId = parentShardId;
    this.startSeq = startSeq;
    this.createdMillis = createdMillis;
    this.lastAllocated = Math.max(lastAllocated, startSeq - 1);
    this.visible = this.lastAllocated;
    this.trimmedThrough = startSeq - 1;
    if (endSeq >= 0) {
      this.closed = true;
      this.drained = true;
      this.endSeq = endSeq;
      this.closedMillis = closedMillis;
    }
  }

  /** Takes the next sequence number of the stream for this shard, or null if it is closed. */
  synchronized Ticket take(AtomicLong counter, long now) {
    if (closed) {
      return null;
    }
    Ticket t = new Ticket(counter.incrementAndGet());
    lastAllocated = t.seq;
    inflight.addLast(t);
    if (oldestMillis == Long.MAX_VALUE) {
      oldestMillis = now;
    }
    return t;
  }

  /** Marks a taken number settled and, if that moves the visible mark, wakes the waiters. */
  void settle(Ticket ticket) {
    synchronized (this) {
      ticket.settled = true;
      while (!inflight.isEmpty() && inflight.peekFirst().settled) {
        inflight.pollFirst();
      }
      visible = inflight.isEmpty() ? lastAllocated : inflight.peekFirst().seq - 1;
      drained = closed && inflight.isEmpty();
    }
    wake();
  }

  /**
   * Closes the shard to new records; it ends at the last number taken. The caller wakes the
   * waiters ({@link #wake}) once the shard's children are listed, so that a reader woken by the
   * end of a shard finds the shards that follow it.
   */
  void close(long now) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      endSeq = Math.max(lastAllocated, startSeq);
      closedMillis = now;
      drained = inflight.isEmpty();
    }
  }

  /** Every sequence number at or below this one is settled. */
  long visible() {
    return visible;
  }

  /** Closed, with every taken number settled: once read to its end, nothing more will come. */
  boolean drained() {
    return drained;
  }

  boolean isClosed() {
    return endSeq >= 0;
  }

  long endSeq() {
    return endSeq;
  }

  long closedMillis() {
    return closedMillis;
  }

  synchronized long lastAllocated() {
    return lastAllocated;
  }

  /**
   * Completes when a record after {@code seq} may be readable or the shard has ended; a waiter
   * rechecks and waits again if it is woken for less.
   */
  CompletableFuture<Void> whenBeyond(long seq) {
    while (true) {
      CompletableFuture<Void> f = signal.get();
      if (f == null) {
        f = new CompletableFuture<>();
        if (!signal.compareAndSet(null, f)) {
          continue;
        }
      }
      if (visible > seq || drained) {
        return CompletableFuture.completedFuture(null);
      }
      return f;
    }
  }

  /**
   * Trimming removed every record up to {@code visible}: the shard holds no old record, unless
   * a number was taken after that mark, whose record is as young as {@code now}.
   */
  synchronized void trimmedAllUpTo(long visible, long now) {
    oldestMillis = lastAllocated > visible ? now : Long.MAX_VALUE;
  }

  /** Wakes everyone waiting; also used when the shard goes away. */
  void wake() {
    CompletableFuture<Void> f = signal.getAndSet(null);
    if (f != null) {
      f.complete(null);
    }
  }

  ShardInfo info() {
    long end = endSeq;
    return new ShardInfo(shardId, parentShardId, Sequences.format(startSeq),
        end < 0 ? null : Sequences.format(end));
  }
}
