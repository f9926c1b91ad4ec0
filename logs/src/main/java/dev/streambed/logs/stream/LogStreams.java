package dev.streambed.logs.stream;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.logs.LogKeys;
import dev.streambed.logs.LogsError;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The log streams of a group: create, find, list in AWS's two orders, delete with their events. */
public final class LogStreams {
  private final Storage storage;
  private final Clock clock;

  public LogStreams(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** A stream and the version of its stored entry, for the optimistic append. */
  public record Versioned(LogStream stream, long version) {}

  public LogStream create(LogGroup group, String name) {
    byte[] key = LogKeys.stream(group.id(), name);
    LogStream s = new LogStream(name, clock.millis(), null, null, null, 1);
    try {
      storage.commit(new Batch().expectVersion(key, Storage.ABSENT).put(key, StreamCodec.encode(s)));
    } catch (VersionConflictException e) {
      throw new AwsException(LogsError.RESOURCE_ALREADY_EXISTS, "The specified log stream already exists");
    }
    return s;
  }

  public Versioned find(LogGroup group, String name) {
    Entry e = storage.get(LogKeys.stream(group.id(), name));
    return e == null ? null : new Versioned(StreamCodec.decode(name, e.value()), e.version());
  }

  public Versioned require(LogGroup group, String name) {
    Versioned v = find(group, name);
    if (v == null) {
      throw LogsError.streamNotFound();
    }
    return v;
  }

  /** Writes the stream's new state in {@code batch}, guarded by the version it was read at. */
  public void write(Batch batch, LogGroup group, Versioned read, LogStream next) {
    byte[] key = LogKeys.stream(group.id(), next.name());
    batch.expectVersion(key, read.version()).put(key, StreamCodec.encode(next));
  }

  public void delete(LogGroup group, String name) {
    byte[] key = LogKeys.stream(group.id(), name);
    Entry e = storage.get(key);
    if (e == null) {
      throw LogsError.streamNotFound();
    }
    storage.commit(new Batch().delete(key));
    byte[] events = LogKeys.events(group.id(), name);
    byte[] end = Keys.prefixEnd(events);
    while (true) {
      List<Entry> chunk = storage.range(events, end, false, 1000);
      if (chunk.isEmpty()) {
        return;
      }
      Batch b = new Batch();
      chunk.forEach(x -> b.delete(x.key()));
      storage.commit(b);
    }
  }

  /** Streams whose name starts with {@code prefix} (may be empty), in name order, after {@code after}. */
  public List<LogStream> byName(LogGroup group, String prefix, String after, boolean descending, int limit) {
    byte[] all = LogKeys.streamsPrefix(group.id());
    byte[] from = Keys.concat(all, prefix.getBytes(StandardCharsets.UTF_8));
    byte[] to = Keys.prefixEnd(from);
    if (after != null) {
      byte[] bound = Keys.concat(all, after.getBytes(StandardCharsets.UTF_8));
      if (descending) {
        if (java.util.Arrays.compareUnsigned(bound, to) < 0) {
          to = bound;
        }
      } else if (java.util.Arrays.compareUnsigned(Keys.successor(bound), from) > 0) {
        from = Keys.successor(bound);
      }
    }
    List<LogStream> out = new ArrayList<>();
    for (Entry e : storage.range(from, to, descending, limit)) {
      out.add(decode(all, e));
    }
    return out;
  }

  /** Every stream of the group, in the order of their last event (streams without events first). */
  public List<LogStream> byLastEventTime(LogGroup group, boolean descending) {
    byte[] all = LogKeys.streamsPrefix(group.id());
    List<LogStream> out = new ArrayList<>();
    byte[] from = all;
    while (true) {
      List<Entry> chunk = storage.range(from, Keys.prefixEnd(all), false, 1000);
      chunk.forEach(e -> out.add(decode(all, e)));
      if (chunk.size() < 1000) {
        break;
      }
      from = Keys.successor(chunk.get(chunk.size() - 1).key());
    }
    Comparator<LogStream> order = Comparator
        .comparingLong((LogStream s) -> s.lastEventTimestamp() == null ? Long.MIN_VALUE : s.lastEventTimestamp())
        .thenComparing(LogStream::name);
    out.sort(descending ? order.reversed() : order);
    return out;
  }

  private static LogStream decode(byte[] prefix, Entry e) {
    String name = new String(e.key(), prefix.length, e.key().length - prefix.length, StandardCharsets.UTF_8);
    return StreamCodec.decode(name, e.value());
  }
}
