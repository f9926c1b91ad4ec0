package dev.streambed.logs.event;

import dev.streambed.logs.LogKeys;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * FilterLogEvents: the events of several streams of a group merged in time order (ties by
 * stream name, then arrival), each stream read by range reads a chunk at a time.
 */
public final class EventFilter {
  private static final int CHUNK = 256;
  private static final Comparator<StoredEvent> ORDER = Comparator
      .comparingLong(StoredEvent::timestamp)
      .thenComparing(StoredEvent::streamName)
      .thenComparingLong(StoredEvent::sequence);

  private final Storage storage;
  private final Clock clock;

  public EventFilter(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  public FilterPage filter(LogGroup group, List<String> streamNames, Long startTime, Long endTime,
      Predicate<String> matches, int limit, String token) {
    FilterToken after = token == null ? null : FilterToken.decode(token);
    long low = Math.max(startTime == null ? Long.MIN_VALUE : startTime, group.retainedFrom(clock.millis()));
    PriorityQueue<Cursor> queue = new PriorityQueue<>(Comparator.comparing(Cursor::head, ORDER));
    for (String name : streamNames) {
      byte[] prefix = LogKeys.events(group.id(), name);
      byte[] from = LogKeys.event(prefix, low, Long.MIN_VALUE);
      if (after != null) {
        from = max(from, resumeKey(prefix, name, after));
      }
      byte[] to = endTime == null ? Keys.prefixEnd(prefix) : LogKeys.event(prefix, endTime, Long.MIN_VALUE);
      Cursor c = new Cursor(name, from, to);
      if (c.head() != null) {
        queue.add(c);
      }
    }
    List<StoredEvent> out = new ArrayList<>();
    int bytes = 0;
    while (!queue.isEmpty()) {
      Cursor c = queue.poll();
      StoredEvent e = c.take();
      if (c.head() != null) {
        queue.add(c);
      }
      if (!matches.test(e.message())) {
        continue;
      }
      bytes += EventCodec.size(e);
      if (bytes > LogEvents.MAX_RESPONSE_BYTES && !out.isEmpty()) {
        return new FilterPage(out, tokenAfter(out));
      }
      out.add(e);
      if (out.size() == limit) {
        return new FilterPage(out, queue.isEmpty() ? null : tokenAfter(out));
      }
    }
    return new FilterPage(out, null);
  }

  private static String tokenAfter(List<StoredEvent> out) {
    StoredEvent last = out.get(out.size() - 1);
    return new FilterToken(last.timestamp(), last.streamName(), last.sequence()).encode();
  }

  /** The first key of {@code stream} that sorts after the token's event. */
  private static byte[] resumeKey(byte[] prefix, String stream, FilterToken t) {
    int cmp = stream.compareTo(t.stream());
    if (cmp == 0) {
      return Keys.successor(LogKeys.event(prefix, t.timestamp(), t.sequence()));
    }
    if (cmp > 0) {
      return LogKeys.event(prefix, t.timestamp(), Long.MIN_VALUE);
    }
    return t.timestamp() == Long.MAX_VALUE ? Keys.prefixEnd(prefix)
        : LogKeys.event(prefix, t.timestamp() + 1, Long.MIN_VALUE);
  }

  private static byte[] max(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  /** One stream's events in order, fetched a chunk at a time. */
  private final class Cursor {
    private final String stream;
    private final byte[] to;
    private byte[] from;
    private final ArrayDeque<StoredEvent> buffer = new ArrayDeque<>();
    private boolean exhausted;

    Cursor(String stream, byte[] from, byte[] to) {
      this.stream = stream;
      this.from = from;
      this.to = to;
      fill();
    }

    StoredEvent head() {
      return buffer.peek();
    }

    StoredEvent take() {
      StoredEvent e = buffer.poll();
      if (buffer.isEmpty()) {
        fill();
      }
      return e;
    }

    private void fill() {
      if (exhausted || Arrays.compareUnsigned(from, to) >= 0) {
        exhausted = true;
        return;
      }
      List<Entry> chunk = storage.range(from, to, false, CHUNK);
      for (Entry e : chunk) {
        buffer.add(EventCodec.decode(stream, e));
      }
      if (chunk.size() < CHUNK) {
        exhausted = true;
      } else {
        from = Keys.successor(chunk.get(chunk.size() - 1).key());
      }
    }
  }
}
