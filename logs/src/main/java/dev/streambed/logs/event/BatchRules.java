package dev.streambed.logs.event;

import dev.streambed.logs.LogsError;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * AWS's rules for one PutLogEvents batch. A broken rule fails the whole batch; events that are
 * merely too old, expired or too new are skipped and reported.
 */
public final class BatchRules {
  public static final int MAX_EVENTS = 10_000;
  public static final int MAX_BATCH_BYTES = 1_048_576;
  /** One event's limit, counted as the batch counts it; AWS raised it from 256 KB to 1 MB. */
  public static final int MAX_EVENT_BYTES = 1_048_576;
  /** AWS counts each event as its message's UTF-8 bytes plus 26. */
  public static final int EVENT_OVERHEAD = 26;
  public static final long MAX_SPAN_MILLIS = 24 * 3_600_000L;
  public static final long MAX_AGE_MILLIS = 14 * 86_400_000L;
  public static final long MAX_AHEAD_MILLIS = 2 * 3_600_000L;

  private BatchRules() {}

  /**
   * Throws InvalidParameterException when the batch breaks a rule that fails it whole, worded as
   * AWS words it ("Upload too large: 1049882 bytes exceeds limit of 1048576").
   */
  public static void check(List<InputEvent> events) {
    long bytes = 0;
    for (int i = 0; i < events.size(); i++) {
      InputEvent e = events.get(i);
      if (i > 0 && e.timestamp() < events.get(i - 1).timestamp()) {
        throw LogsError.invalid("Log events in a single PutLogEvents request must be in chronological order.");
      }
      int size = e.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
      if (size > MAX_EVENT_BYTES) {
        throw LogsError.invalid("Log event too large: " + size + " bytes exceeds limit of " + MAX_EVENT_BYTES);
      }
      bytes += size;
    }
    if (bytes > MAX_BATCH_BYTES) {
      throw LogsError.invalid("Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
    }
    if (!events.isEmpty()
        && events.get(events.size() - 1).timestamp() - events.get(0).timestamp() > MAX_SPAN_MILLIS) {
      throw LogsError.invalid("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
    }
  }
}
