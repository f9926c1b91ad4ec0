package dev.streambed.embedded;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.lambda.esm.EventSourceMappings;
import dev.streambed.lambda.esm.MappingConfig;
import dev.streambed.lambda.esm.Pollers;
import dev.streambed.streams.Sequences;
import dev.streambed.streams.ShardInfo;
import dev.streambed.streams.StreamInfo;
import dev.streambed.streams.StreamRecord;
import dev.streambed.streams.Streams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Waiting until every trigger has processed every record written so far, and saying who has not. */
final class Quiescence {
  /** How far behind a shard is counted, so that describing a long backlog stays cheap. */
  private static final int COUNT_LIMIT = 1000;

  private Quiescence() {}

  static void await(Pollers pollers, EventSourceMappings mappings, Streams streams, Duration timeout) {
    boolean quiet;
    try {
      quiet = pollers.awaitQuiescent(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotQuiescentException("Interrupted while waiting for the triggers to catch up");
    }
    if (!quiet) {
      throw new NotQuiescentException(describe(pollers.positions(), mappings, streams, timeout));
    }
  }

  /**
   * For example: "Triggers still busy after PT5S: mapping 6f1c... (function
   * arn:aws:lambda:...:function:Orders, stream arn:aws:dynamodb:..., Enabled, last result "OK"):
   * shard shardId-... processed up to 000000000000000000102, 3 records waiting from
   * 000000000000000000103".
   */
  static String describe(Map<String, Map<String, Long>> positions, EventSourceMappings mappings, Streams streams,
      Duration timeout) {
    List<String> busy = new ArrayList<>();
    positions.forEach((uuid, shards) -> {
      MappingConfig m;
      StreamInfo info;
      try {
        m = mappings.get(uuid);
        info = streams.describe(m.eventSourceArn());
      } catch (AwsException gone) {
        return;
      }
      List<String> behind = new ArrayList<>();
      for (ShardInfo s : info.shards()) {
        Long at = shards.get(s.shardId());
        if (at != null && at == Long.MAX_VALUE) {
          continue;
        }
        List<StreamRecord> waiting;
        try {
          long from = at != null ? at
              : streams.position(m.eventSourceArn(), s.shardId(), Streams.IteratorType.TRIM_HORIZON, null);
          waiting = streams.read(m.eventSourceArn(), s.shardId(), from, COUNT_LIMIT).records();
        } catch (AwsException trimmed) {
          continue;
        }
        if (!waiting.isEmpty()) {
          String where = at == null ? " not started (its parent shard first)"
              : " processed up to " + Sequences.format(Math.max(0, at));
          behind.add("shard " + s.shardId() + where + ", " + (waiting.size() == COUNT_LIMIT ? "at least " : "")
              + waiting.size() + (waiting.size() == 1 ? " record" : " records") + " waiting from "
              + waiting.get(0).sequenceNumber());
        }
      }
      if (behind.isEmpty()) {
        // Every record is read but a batch is still with the function, or in a batching window.
        behind.add("a batch in progress (with the function, being retried, or in its batching window)");
      }
      busy.add("mapping " + uuid + " (function " + m.functionArn() + ", stream " + m.eventSourceArn()
          + ", " + m.settledState() + ", last result \"" + m.lastProcessingResult() + "\"): "
          + String.join("; ", behind));
    });
    return "Triggers still busy after " + timeout + ": "
        + (busy.isEmpty() ? "none is now; they caught up just as the time ran out" : String.join(" | ", busy));
  }
}
