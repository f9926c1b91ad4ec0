package dev.streambed.streams;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** A stream while this process serves it. Its monitor guards rollover and disabling. */
final class LiveStream {
  final String arn;
  final byte[] id;
  final String idHex;
  final StreamSpec spec;
  /** The last sequence number taken in any shard of the stream. */
  final AtomicLong sequence;
  /** Every shard by ordinal, including those trimmed away (marked gone). */
  final Map<Integer, LiveShard> shards = new ConcurrentSkipListMap<>();
  private final Map<String, LiveShard> byId = new java.util.concurrent.ConcurrentHashMap<>();
  /** Shards trimmed away entirely: no longer listed, and reading them is trimmed data. */
  final java.util.Set<String> gone = java.util.concurrent.ConcurrentHashMap.newKeySet();
  volatile LiveShard[] active;
  volatile long rolloverAtMillis;
  volatile long disabledMillis;
  int nextOrdinal;

  LiveStream(String idHex, byte[] id, StreamSpec spec, long lastSequence) {
    this.arn = spec.arn();
    this.idHex = idHex;
    this.id = id;
    this.spec = spec;
    this.sequence = new AtomicLong(lastSequence);
  }

  boolean enabled() {
    return disabledMillis == 0;
  }

  LiveShard shard(String shardId) {
    return byId.get(shardId);
  }

  void add(LiveShard shard) {
    shards.put(shard.ordinal, shard);
    byId.put(shard.shardId, shard);
  }

  /** The shards still listed, parents before children. */
  List<LiveShard> listed() {
    return shards.values().stream().filter(s -> !gone.contains(s.shardId)).toList();
  }

  synchronized LiveShard[] currentActive() {
    return active;
  }
}
