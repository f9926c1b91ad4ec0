package dev.streambed.streams;

import java.util.List;

/**
 * A stream as stored: what the table said when it enabled the stream, when it was disabled (0
 * while enabled), and its shards. Rewritten on rollover, disabling and trimming, never per write.
 */
record StreamDescriptor(
    String id,
    StreamSpec spec,
    long disabledMillis,
    long rolloverAtMillis,
    List<Shard> shards) {

  /** A shard as stored; {@code endSeq} is -1 while it is open. */
  record Shard(String shardId, int ordinal, int slot, String parentShardId, long startSeq,
      long createdMillis, long endSeq, long closedMillis, boolean gone) {}
}
