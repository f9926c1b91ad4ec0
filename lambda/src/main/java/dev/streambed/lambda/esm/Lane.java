package dev.streambed.lambda.esm;

import dev.streambed.lambda.Invocations;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One of a shard's ParallelizationFactor lanes: the matching records whose partition keys hash
 * to it, in shard order, cut into batches the way Lambda cuts them, one batch in flight at a
 * time (so each key's records are processed in order).
 *
 * <p>A batch holds at most BatchSize records and stays within the 6 MB payload of a
 * synchronous invocation. It goes as soon as it is full; otherwise once the oldest record has
 * waited MaximumBatchingWindowInSeconds (at once with a window of 0). With a tumbling window a
 * batch never spans two windows; the window's last invocation, once the window has ended (by
 * the clock, by a record of a later window, or by the shard's end), is its final one.
 *
 * <p>Only the shard's coordinator thread touches a lane.
 */
final class Lane {
  /** The largest state a window keeps; a larger one ends the window early. */
  static final int MAX_STATE_BYTES = 1024 * 1024;
  private static final String EMPTY_STATE = "{}";

  /** A record waiting in the lane: its tumbling window and when it joined the lane. */
  private record Queued(EventRecord record, long windowStart, long arrivedMillis) {}

  private final String shardId;
  private final int batchSize;
  private final long batchingWindowMillis;
  private final long tumblingMillis;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean busy;
  /** The open tumbling window (its start), or -1. */
  private long windowStart = -1;
  private String state = EMPTY_STATE;
  private boolean terminateEarly;
  /** A record did not fit: the queue holds a full batch, whatever its count. */
  private boolean refused;
  /** The latest window a record of this lane belonged to: windows never go back. */
  private long latestWindow = -1;

  Lane(String shardId, MappingConfig m) {
    this.shardId = shardId;
    this.batchSize = m.batchSize();
    this.batchingWindowMillis = m.maximumBatchingWindowInSeconds() * 1000L;
    this.tumblingMillis = m.tumblingWindowInSeconds() * 1000L;
  }

  /** Restores the open window a checkpoint kept. */
  void restoreWindow(long start, String savedState) {
    windowStart = start;
    latestWindow = Math.max(latestWindow, start);
    state = savedState;
  }

  long windowStart() {
    return windowStart;
  }

  String state() {
    return state;
  }

  boolean busy() {
    return busy;
  }

  /** No records waiting, none in flight, no window open: nothing more to do. */
  boolean settled() {
    return !busy && queue.isEmpty() && windowStart < 0;
  }

  boolean empty() {
    return !busy && queue.isEmpty();
  }

  /** Whether the lane can take this record now; a full lane holds the reader back. */
  boolean offer(EventRecord r, long now) {
    if (queue.size() >= batchSize || queuedBytes + r.json().length + 1 > payloadBudget()) {
      if (!queue.isEmpty()) {
        refused = true;
        return false;
      }
    }
    long window = -1;
    if (tumblingMillis > 0) {
      window = Math.max(latestWindow, Math.floorDiv(r.record().createdMillis(), tumblingMillis) * tumblingMillis);
      latestWindow = window;
    }
    queue.addLast(new Queued(r, window, now));
    queuedBytes += r.json().length + 1;
    return true;
  }

  private long payloadBudget() {
    return Invocations.MAX_SYNC_PAYLOAD - Batch.envelopeBytes(tumblingMillis > 0
        ? new Batch.Window(0, 0, state, false, false) : null);
  }

  /**
   * The batch to send now, or null if the lane is busy or its records should wait. Records of
   * the batch leave the queue.
   *
   * @param ended no more records will come (the shard is read to its end)
   */
  Batch next(long now, boolean ended) {
    if (busy) {
      return null;
    }
    Batch b = tumblingMillis > 0 ? nextInWindow(now, ended) : nextPlain(now, ended);
    if (b != null) {
      busy = true;
    }
    return b;
  }

  private Batch nextPlain(long now, boolean ended) {
    if (queue.isEmpty()) {
      return null;
    }
    // The queue never holds more than a batch, so a full queue is a full batch.
    boolean full = queue.size() >= batchSize || refused;
    if (full || ended || ready(now, queue.peekFirst().arrivedMillis())) {
      return new Batch(shardId, take(-1), null);
    }
    return null;
  }

  private Batch nextInWindow(long now, boolean ended) {
    if (windowStart < 0) {
      if (queue.isEmpty()) {
        return null;
      }
      windowStart = queue.peekFirst().windowStart();
      state = EMPTY_STATE;
    }
    long end = windowStart + tumblingMillis;
    if (terminateEarly) {
      // The state outgrew its limit: the window's final invocation now, and the same window
      // goes on with a fresh state.
      return new Batch(shardId, List.of(), new Batch.Window(windowStart, end, state, true, true));
    }
    boolean closed = ended || now >= end || (!queue.isEmpty() && queue.peekLast().windowStart() > windowStart);
    long oldest = queue.isEmpty() ? now : queue.peekFirst().arrivedMillis();
    List<EventRecord> take = take(windowStart);
    boolean more = !queue.isEmpty() && queue.peekFirst().windowStart() == windowStart;
    if (closed) {
      return new Batch(shardId, take, new Batch.Window(windowStart, end, state, !more, false));
    }
    if (!take.isEmpty() && (more || refusedBeforeTake || take.size() == batchSize || ready(now, oldest))) {
      return new Batch(shardId, take, new Batch.Window(windowStart, end, state, false, false));
    }
    putBack(take);
    return null;
  }

  /** Whether the batching window of the oldest waiting record has passed. */
  private boolean ready(long now, long oldestArrival) {
    return batchingWindowMillis == 0 || now >= oldestArrival + batchingWindowMillis;
  }

  /** The records the last {@link #take} removed, to put back if the batch waits. */
  private final ArrayDeque<Queued> taken = new ArrayDeque<>();
  private boolean refusedBeforeTake;

  /** Takes up to a batch of queued records (of one window, if {@code window} is not -1). */
  private List<EventRecord> take(long window) {
    taken.clear();
    refusedBeforeTake = refused;
    refused = false;
    List<EventRecord> out = new ArrayList<>();
    long bytes = 0;
    long budget = payloadBudget();
    while (!queue.isEmpty() && out.size() < batchSize) {
      Queued q = queue.peekFirst();
      if (window >= 0 && q.windowStart() != window) {
        break;
      }
      long size = q.record().json().length + 1;
      if (!out.isEmpty() && bytes + size > budget) {
        break;
      }
      queue.pollFirst();
      queuedBytes -= size;
      bytes += size;
      taken.addLast(q);
      out.add(q.record());
    }
    return out;
  }

  private void putBack(List<EventRecord> take) {
    refused = refusedBeforeTake;
    while (!taken.isEmpty()) {
      Queued q = taken.pollLast();
      queue.addFirst(q);
      queuedBytes += q.record().json().length + 1;
    }
  }

  /**
   * When this lane wants to be looked at again without any other event: the end of the
   * batching window of its oldest record, or the end of its open tumbling window; or
   * Long.MAX_VALUE.
   */
  long deadline() {
    if (busy) {
      return Long.MAX_VALUE;
    }
    long d = Long.MAX_VALUE;
    if (!queue.isEmpty() && batchingWindowMillis > 0) {
      d = queue.peekFirst().arrivedMillis() + batchingWindowMillis;
    }
    if (windowStart >= 0) {
      d = Math.min(d, windowStart + tumblingMillis);
    }
    return d;
  }

  /** The batch in flight ended: take up the window's new state, or close the window. */
  void completed(Batch batch, BatchSender.Result result) {
    busy = false;
    if (batch.window() == null || !result.finished()) {
      return;
    }
    if (batch.window().terminatedEarly()) {
      state = EMPTY_STATE;
      terminateEarly = false;
    } else if (batch.window().isFinal()) {
      windowStart = -1;
      state = EMPTY_STATE;
    } else if (result.state() != null) {
      state = result.state();
      terminateEarly = state.length() > MAX_STATE_BYTES;
    }
  }
}
