package dev.streambed.lambda.esm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One invocation's worth of records of a shard, and, with a tumbling window, the window it
 * belongs to. {@link #payload} is the event the function receives.
 *
 * @param window the tumbling window, or null without one
 */
record Batch(String shardId, List<EventRecord> records, Window window) {

  /**
   * A tumbling window as an invocation sees it (AWS's {@code window}, {@code state},
   * {@code isFinalInvokeForWindow}, {@code isWindowTerminatedEarly}).
   *
   * @param state the state the function returned last in this window, a JSON object
   */
  record Window(long startMillis, long endMillis, String state, boolean isFinal, boolean terminatedEarly) {}

  /** The same window and flags, carrying the state a sub-batch returned to the next one. */
  Batch withRecords(List<EventRecord> part, String state) {
    return new Batch(shardId, part, window == null ? null
        : new Window(window.startMillis(), window.endMillis(), state, window.isFinal(), window.terminatedEarly()));
  }

  /** Bytes of the event around the records (and the window's members). */
  static int envelopeBytes(Window window) {
    return 16 + (window == null ? 0 : 320 + window.state().length());
  }

  /** The event: {@code {"Records": [...]}}, with the window's members after them. */
  byte[] payload(String streamArn) {
    int size = envelopeBytes(window);
    for (EventRecord r : records) {
      size += r.json().length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.writeBytes("{\"Records\":[".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(records.get(i).json());
    }
    out.write(']');
    if (window != null) {
      // The members and their order of AWS's DynamodbTimeWindowEvent.
      String w = ",\"window\":{\"start\":\"" + Instant.ofEpochSecond(window.startMillis() / 1000)
          + "\",\"end\":\"" + Instant.ofEpochSecond(window.endMillis() / 1000) + "\"},\"state\":" + window.state()
          + ",\"shardId\":\"" + shardId + "\",\"eventSourceARN\":\"" + streamArn + "\",\"isFinalInvokeForWindow\":"
          + window.isFinal() + ",\"isWindowTerminatedEarly\":" + window.terminatedEarly();
      out.writeBytes(w.getBytes(StandardCharsets.UTF_8));
    }
    out.write('}');
    return out.toByteArray();
  }
}
