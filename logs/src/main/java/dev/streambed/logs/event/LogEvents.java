package dev.streambed.logs.event;

import dev.streambed.logs.LogKeys;
import dev.streambed.logs.LogWatch;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.stream.LogStream;
import dev.streambed.logs.stream.LogStreams;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Storing a stream's events (PutLogEvents) and reading them back (GetLogEvents). */
public final class LogEvents {
  /** GetLogEvents and FilterLogEvents answer at most 1 MB of events. */
  public static final int MAX_RESPONSE_BYTES = 1_048_576;
  private static final int TRIM_CHUNK = 1000;

  private final Storage storage;
  private final Clock clock;
  private final LogStreams streams;
  private final LogWatch watch;

  public LogEvents(Storage storage, Clock clock, LogStreams streams, LogWatch watch) {
    this.storage = storage;
    this.clock = clock;
    this.streams = streams;
    this.watch = watch;
  }

  /**
   * Stores a batch that passed {@link BatchRules#check}: events more than 14 days old, older
   * than the group's retention, or more than 2 hours ahead of the clock are skipped and reported
   * by index, the rest are stored in one atomic batch with the stream's new state.
   */
  public PutResult put(LogGroup group, String streamName, List<InputEvent> events) {
    long now = clock.millis();
    long oldest = now - BatchRules.MAX_AGE_MILLIS;
    long retained = group.retainedFrom(now);
    long newest = now + BatchRules.MAX_AHEAD_MILLIS;
    Integer tooOld = null;
    Integer expired = null;
    Integer tooNew = null;
    for (int i = 0; i < events.size(); i++) {
      long ts = events.get(i).timestamp();
      if (ts < oldest) {
        tooOld = i;
      } else if (ts < retained) {
        expired = i;
      } else if (ts > newest && tooNew == null) {
        tooNew = i;
      }
    }
    int from = Math.max(tooOld == null ? -1 : tooOld, expired == null ? -1 : expired) + 1;
    int to = tooNew == null ? events.size() : tooNew;
    List<InputEvent> accepted = from < to ? events.subList(from, to) : List.of();
    byte[] prefix = LogKeys.events(group.id(), streamName);
    while (true) {
      LogStreams.Versioned read = streams.require(group, streamName);
      if (accepted.isEmpty()) {
        return new PutResult(read.stream().uploadSequenceToken(), tooNew, tooOld, expired);
      }
      long seq = read.stream().nextSequence();
      Batch batch = new Batch();
      List<StoredEvent> stored = new ArrayList<>(accepted.size());
      for (InputEvent e : accepted) {
        batch.put(LogKeys.event(prefix, e.timestamp(), seq), EventCodec.encode(now, e.message()));
        stored.add(new StoredEvent(streamName, e.timestamp(), seq, now, e.message()));
        seq++;
      }
      LogStream next = read.stream().appended(accepted.get(0).timestamp(),
          accepted.get(accepted.size() - 1).timestamp(), now, accepted.size());
      streams.write(batch, group, read, next);
      try {
        storage.commit(batch);
      } catch (VersionConflictException raced) {
        continue;
      }
      trimExpired(group, streamName, now);
      watch.publish(group.ref(), Collections.unmodifiableList(stored));
      return new PutResult(next.uploadSequenceToken(), tooNew, tooOld, expired);
    }
  }

  /**
   * Deletes the stream's events older than the group's retention, as AWS eventually does, and
   * returns how many were deleted.
   */
  public int trimExpired(LogGroup group, String streamName, long now) {
    long retained = group.retainedFrom(now);
    if (retained == Long.MIN_VALUE) {
      return 0;
    }
    byte[] prefix = LogKeys.events(group.id(), streamName);
    byte[] end = LogKeys.event(prefix, retained, Long.MIN_VALUE);
    int deleted = 0;
    while (true) {
      List<Entry> old = storage.range(prefix, end, false, TRIM_CHUNK);
      if (old.isEmpty()) {
        return deleted;
      }
      Batch b = new Batch();
      old.forEach(e -> b.delete(e.key()));
      storage.commit(b);
      deleted += old.size();
    }
  }

  /**
   * GetLogEvents: events with {@code startTime <= timestamp < endTime} still retained, at most
   * {@code limit} and 1 MB of them, from the head or (by default) the tail, or on from a token.
   * When nothing more is there, the token for that direction is the one passed in, so a reader
   * following nextForwardToken sees the same token when it has caught up, as on AWS.
   */
  public EventPage get(LogGroup group, String streamName, Long startTime, Long endTime,
      boolean startFromHead, int limit, String token) {
    Position at = token == null ? null : Position.parse(token);
    streams.require(group, streamName);
    byte[] prefix = LogKeys.events(group.id(), streamName);
    long low = Math.max(startTime == null ? Long.MIN_VALUE : startTime, group.retainedFrom(clock.millis()));
    byte[] from = LogKeys.event(prefix, low, Long.MIN_VALUE);
    byte[] to = endTime == null ? Keys.prefixEnd(prefix) : LogKeys.event(prefix, endTime, Long.MIN_VALUE);
    boolean forward = at == null ? startFromHead : at.forward();
    if (at != null) {
      byte[] key = LogKeys.event(prefix, at.timestamp(), at.sequence());
      if (at.forward()) {
        from = max(from, Keys.successor(key));
      } else {
        to = min(to, key);
      }
    }
    List<StoredEvent> events = new ArrayList<>();
    if (Arrays.compareUnsigned(from, to) < 0) {
      int bytes = 0;
      for (Entry e : storage.range(from, to, !forward, limit)) {
        StoredEvent ev = EventCodec.decode(streamName, e);
        bytes += EventCodec.size(ev);
        if (bytes > MAX_RESPONSE_BYTES) {
          break;
        }
        events.add(ev);
      }
    }
    if (!forward) {
      Collections.reverse(events);
    }
    String fwd;
    String back;
    if (!events.isEmpty()) {
      StoredEvent first = events.get(0);
      StoredEvent last = events.get(events.size() - 1);
      fwd = new Position(true, last.timestamp(), last.sequence()).token();
      back = new Position(false, first.timestamp(), first.sequence()).token();
    } else if (at != null) {
      fwd = new Position(true, at.timestamp(), at.sequence()).token();
      back = new Position(false, at.timestamp(), at.sequence()).token();
    } else {
      fwd = low == Long.MIN_VALUE ? new Position(true, low, Long.MIN_VALUE).token()
          : new Position(true, low - 1, Long.MAX_VALUE).token();
      back = new Position(false, endTime == null ? Long.MAX_VALUE : endTime, Long.MIN_VALUE).token();
    }
    return new EventPage(events, fwd, back);
  }

  private static byte[] max(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  private static byte[] min(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
  }
}
