package dev.streambed.lambda.esm;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.streams.KeyElement;
import dev.streambed.streams.ShardInfo;
import dev.streambed.streams.StreamInfo;
import dev.streambed.streams.Streams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One enabled mapping at work: a {@link ShardProcessor} for each shard it may read now. A shard
 * is read only once its parent is finished, so a key's records are delivered in order across a
 * rollover; when a shard finishes, its children start, from their first record.
 *
 * <p>Where a mapping starts is fixed when it first runs, in the constructor, before the call
 * that created or enabled it returns, so that LATEST means the records written after that
 * call. A mapping that ran before resumes from its positions; a shard it has none in was born
 * since, and is read from its first record.
 */
final class MappingRunner {
  private final MappingConfig mapping;
  private final Context ctx;
  private final String partitionKey;
  private final Map<String, ShardProcessor> processors = new HashMap<>();
  private final Set<String> finished = new HashSet<>();
  private boolean stopping;

  MappingRunner(MappingConfig mapping, Context ctx) {
    this.mapping = mapping;
    this.ctx = ctx;
    StreamInfo info = describe();
    String pk = null;
    if (info != null) {
      for (KeyElement k : info.keySchema()) {
        if (k.keyType().equals("HASH")) {
          pk = k.attributeName();
        }
      }
      Streams.IteratorType start = mapping.startingPosition().equals("LATEST")
          ? Streams.IteratorType.LATEST : Streams.IteratorType.TRIM_HORIZON;
      if (!ctx.checkpoints().any(mapping.uuid())) {
        for (ShardInfo s : info.shards()) {
          ctx.checkpoints().save(mapping.uuid(), s.shardId(), position(s.shardId(), start), null);
        }
      }
    }
    this.partitionKey = pk;
  }

  private StreamInfo describe() {
    try {
      return ctx.streams().describe(mapping.eventSourceArn());
    } catch (AwsException gone) {
      return null;
    }
  }

  private long position(String shardId, Streams.IteratorType type) {
    try {
      return ctx.streams().position(mapping.eventSourceArn(), shardId, type, null);
    } catch (AwsException trimmedAway) {
      return Checkpoints.FINISHED;
    }
  }

  void start() {
    startReadable();
  }

  /** Starts a processor for every shard not finished whose parent is finished or gone. */
  private synchronized void startReadable() {
    if (stopping) {
      return;
    }
    StreamInfo info = describe();
    if (info == null) {
      return;
    }
    Set<String> listed = new HashSet<>();
    info.shards().forEach(s -> listed.add(s.shardId()));
    // Shards are listed parents first, so a parent's state is known before its children's.
    for (ShardInfo s : info.shards()) {
      String id = s.shardId();
      if (processors.containsKey(id) || finished.contains(id)) {
        continue;
      }
      Checkpoints.Saved saved = ctx.checkpoints().load(mapping.uuid(), id);
      if (saved != null && saved.after() == Checkpoints.FINISHED) {
        finished.add(id);
        continue;
      }
      String parent = s.parentShardId();
      if (parent != null && listed.contains(parent) && !finished.contains(parent)) {
        continue;
      }
      // A shard born after the mapping started is read from its first record.
      long after = saved != null ? saved.after() : position(id, Streams.IteratorType.TRIM_HORIZON);
      if (after == Checkpoints.FINISHED) {
        finished.add(id);
        continue;
      }
      ShardProcessor p = new ShardProcessor(mapping, ctx, id, partitionKey, after,
          saved == null ? null : saved.windows(), () -> shardFinished(id));
      processors.put(id, p);
      p.start();
    }
  }

  private void shardFinished(String shardId) {
    synchronized (this) {
      processors.remove(shardId);
      finished.add(shardId);
    }
    startReadable();
  }

  /** Stops every processor and waits until they have ended. */
  void stop() throws InterruptedException {
    List<ShardProcessor> running;
    synchronized (this) {
      stopping = true;
      running = new ArrayList<>(processors.values());
    }
    running.forEach(ShardProcessor::stop);
    for (ShardProcessor p : running) {
      p.join();
    }
  }

  /** Whether every record written to the stream so far is done. */
  boolean caughtUp() {
    StreamInfo info = describe();
    if (info == null) {
      return true;
    }
    for (ShardInfo s : info.shards()) {
      ShardProcessor p;
      synchronized (this) {
        if (finished.contains(s.shardId())) {
          continue;
        }
        p = processors.get(s.shardId());
      }
      if (p != null ? !p.caughtUp() : hasRecords(s.shardId())) {
        return false;
      }
    }
    return true;
  }

  /** A shard not started yet: whether records wait in it. */
  private boolean hasRecords(String shardId) {
    Checkpoints.Saved saved = ctx.checkpoints().load(mapping.uuid(), shardId);
    long after = saved != null ? saved.after() : position(shardId, Streams.IteratorType.TRIM_HORIZON);
    try {
      return after != Checkpoints.FINISHED
          && !ctx.streams().read(mapping.eventSourceArn(), shardId, after, 1).records().isEmpty();
    } catch (AwsException e) {
      return false;
    }
  }
}
