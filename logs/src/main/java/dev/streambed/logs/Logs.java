package dev.streambed.logs;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.logs.event.BatchRules;
import dev.streambed.logs.event.EventFilter;
import dev.streambed.logs.event.InputEvent;
import dev.streambed.logs.event.LogEvents;
import dev.streambed.logs.event.PutResult;
import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.group.LogGroups;
import dev.streambed.logs.stream.LogStream;
import dev.streambed.logs.stream.LogStreams;
import dev.streambed.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CloudWatch Logs: the services behind the HTTP API, and the Java API other services (Lambda's
 * function logs, the console's live view) call without HTTP.
 */
public final class Logs {
  private final Clock clock;
  private final LogGroups groups;
  private final LogStreams streams;
  private final LogEvents events;
  private final EventFilter filter;
  private final LogWatch watch = new LogWatch();

  public Logs(Storage storage, Clock clock) {
    this.clock = clock;
    this.groups = new LogGroups(storage, clock);
    this.streams = new LogStreams(storage, clock);
    this.events = new LogEvents(storage, clock, streams, watch);
    this.filter = new EventFilter(storage, clock);
  }

  public Clock clock() {
    return clock;
  }

  public LogGroups groups() {
    return groups;
  }

  public LogStreams streams() {
    return streams;
  }

  public LogEvents events() {
    return events;
  }

  public EventFilter filter() {
    return filter;
  }

  public LogWatch watch() {
    return watch;
  }

  /** Creates the group and the stream unless they exist, as Lambda does before its first write. */
  public LogGroup ensureStream(GroupRef group, String streamName) {
    LogGroup g = groups.find(group);
    if (g == null) {
      try {
        g = groups.create(group, null, null, Map.of());
      } catch (AwsException raced) {
        g = groups.require(group);
      }
    }
    if (streams.find(g, streamName) == null) {
      try {
        streams.create(g, streamName);
      } catch (AwsException raced) {
        // Created by a concurrent writer: as good.
      }
    }
    return g;
  }

  /**
   * Appends events to a stream, creating group and stream if missing. Events are put in time
   * order, messages longer than one event may be are cut to fit, and batches larger than
   * PutLogEvents allows are split; events AWS would reject as too old or too new are skipped,
   * as PutLogEvents skips them.
   */
  public void append(GroupRef group, String streamName, List<InputEvent> batch) {
    LogGroup g = ensureStream(group, streamName);
    List<InputEvent> sorted = new ArrayList<>(batch.size());
    for (InputEvent e : batch) {
      sorted.add(new InputEvent(e.timestamp(), fitted(e.message())));
    }
    sorted.sort(Comparator.comparingLong(InputEvent::timestamp));
    int from = 0;
    while (from < sorted.size()) {
      int to = from;
      long bytes = 0;
      while (to < sorted.size() && to - from < BatchRules.MAX_EVENTS
          && sorted.get(to).timestamp() - sorted.get(from).timestamp() <= BatchRules.MAX_SPAN_MILLIS) {
        long size = sorted.get(to).message().getBytes(StandardCharsets.UTF_8).length
            + BatchRules.EVENT_OVERHEAD;
        if (bytes + size > BatchRules.MAX_BATCH_BYTES && to > from) {
          break;
        }
        bytes += size;
        to++;
      }
      putLogEvents(g, streamName, sorted.subList(from, to));
      from = to;
    }
  }

  /** The message, cut at a character boundary so that it fits AWS's limit for one event. */
  private static String fitted(String message) {
    int max = BatchRules.MAX_EVENT_BYTES - BatchRules.EVENT_OVERHEAD;
    byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= max) {
      return message;
    }
    int end = max;
    while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(utf8, 0, end, StandardCharsets.UTF_8);
  }

  /** PutLogEvents' rules and storage, for a group already looked up. */
  public PutResult putLogEvents(LogGroup group, String streamName, List<InputEvent> batch) {
    BatchRules.check(batch);
    return events.put(group, streamName, batch);
  }

  /**
   * Deletes every event older than its group's retention and returns how many. Reads already
   * hide such events and each write trims its own stream; this sweep is for an owner that runs
   * it now and then, so that idle streams shrink too.
   */
  public int deleteExpiredEvents() {
    long now = clock.millis();
    int deleted = 0;
    for (LogGroup g : groups.withRetention()) {
      for (LogStream s : streams.byName(g, "", null, false, Integer.MAX_VALUE)) {
        deleted += events.trimExpired(g, s.name(), now);
      }
    }
    return deleted;
  }

  /** Calls {@code listener} with each batch of events stored in the group, until closed. */
  public AutoCloseable subscribe(GroupRef group, Consumer<List<StoredEvent>> listener) {
    return watch.subscribe(group, listener);
  }

  /**
   * Blocks until events newer than {@code seenVersion} (from {@link LogWatch#version}) are stored
   * in the group or the timeout passes; returns the group's version then.
   */
  public long awaitEvents(GroupRef group, long seenVersion, Duration timeout) throws InterruptedException {
    return watch.await(group, seenVersion, timeout);
  }
}
