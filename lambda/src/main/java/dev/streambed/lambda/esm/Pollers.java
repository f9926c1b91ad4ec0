package dev.streambed.lambda.esm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.lambda.FunctionRef;
import dev.streambed.lambda.Functions;
import dev.streambed.lambda.Invocations;
import dev.streambed.lambda.LambdaError;
import dev.streambed.lambda.runtime.Outcome;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Storage;
import dev.streambed.streams.ShardInfo;
import dev.streambed.streams.StreamInfo;
import dev.streambed.streams.StreamRecord;
import dev.streambed.streams.StreamRecordJson;
import dev.streambed.streams.Streams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the event source mappings: for each enabled mapping a poller reads its stream's shards
 * through the streams service (parents before children), batches records, filters them, invokes
 * the function, and advances a checkpoint stored with the mapping only after the function
 * succeeded for the records before it. Readers wait for new records inside the process, woken
 * by the write, so a record reaches the function within milliseconds.
 *
 * <p>Failures are handled as on AWS: a failed batch is retried (MaximumRetryAttempts, -1 for
 * until the records expire; MaximumRecordAgeInSeconds), split in halves first when
 * BisectBatchOnFunctionError is set, and with ReportBatchItemFailures only the records from the
 * first reported failure on are retried. A batch given up on is skipped.
 *
 * <p>Storage keys: {@code 0x45 uuid 0x00 shardId} holds a shard's checkpoint (the sequence
 * number after which the mapping reads), or {@code Long.MAX_VALUE} once the shard is finished.
 */
public final class Pollers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pollers.class);
  private static final byte CHECKPOINT = 0x45;
  private static final long FINISHED = Long.MAX_VALUE;
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EventSourceMappings mappings;
  private final Functions functions;
  private final Invocations invocations;
  private final Streams streams;
  private final Storage storage;
  private final Clock clock;
  private final Map<String, Runner> runners = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public Pollers(EventSourceMappings mappings, Functions functions, Invocations invocations, Streams streams,
      Storage storage, Clock clock) {
    this.mappings = mappings;
    this.functions = functions;
    this.invocations = invocations;
    this.streams = streams;
    this.storage = storage;
    this.clock = clock;
    mappings.onChange(this::changed);
    for (MappingConfig m : mappings.all()) {
      changed(m.uuid());
    }
  }

  /** Starts, restarts or stops the poller of a mapping after it was created, updated or deleted. */
  private void changed(String uuid) {
    if (closed) {
      return;
    }
    Runner old = runners.remove(uuid);
    if (old != null) {
      old.stop();
    }
    MappingConfig m;
    try {
      m = mappings.get(uuid);
    } catch (AwsException gone) {
      deleteCheckpoints(uuid);
      return;
    }
    if (m.enabled()) {
      Runner r = new Runner(m);
      runners.put(uuid, r);
      r.thread.start();
    }
  }

  /** Whether every mapping has read every record written so far (for tests and the embedded API). */
  public boolean quiescent() {
    for (Runner r : runners.values()) {
      if (!r.caughtUp()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    runners.values().forEach(Runner::stop);
    runners.clear();
  }

  // ---------------------------------------------------------------- checkpoints

  private static byte[] checkpointKey(String uuid, String shardId) {
    byte[] u = (uuid + "\u0000" + shardId).getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[u.length + 1];
    k[0] = CHECKPOINT;
    System.arraycopy(u, 0, k, 1, u.length);
    return k;
  }

  private Long checkpoint(String uuid, String shardId) {
    Entry e = storage.get(checkpointKey(uuid, shardId));
    return e == null ? null : ByteBuffer.wrap(e.value()).getLong();
  }

  private void saveCheckpoint(String uuid, String shardId, long after) {
    storage.commit(new Batch().put(checkpointKey(uuid, shardId), ByteBuffer.allocate(8).putLong(after).array()));
  }

  private void deleteCheckpoints(String uuid) {
    byte[] prefix = checkpointKey(uuid, "");
    Batch b = new Batch();
    storage.range(prefix, dev.streambed.storage.Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)
        .forEach(e -> b.delete(e.key()));
    if (!b.isEmpty()) {
      storage.commit(b);
    }
  }

  // ---------------------------------------------------------------- one mapping

  private final class Runner {
    final MappingConfig mapping;
    final Thread thread;
    final FilterMatcher filter;
    volatile boolean running = true;
    final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /** Shards whose records up to the mark the runner has handed on or given up. */
    final Map<String, Long> positions = new ConcurrentHashMap<>();

    Runner(MappingConfig mapping) {
      this.mapping = mapping;
      this.filter = new FilterMatcher(mapping.filterPatterns());
      this.thread = new Thread(this::run, "esm-" + mapping.uuid());
      this.thread.setDaemon(true);
      // Fixed before the call that created or enabled the mapping returns, so LATEST means the
      // records written after it, not after the poller happened to start.
      try {
        streams.describe(mapping.eventSourceArn()).shards().forEach(this::position);
      } catch (AwsException gone) {
        // The stream is gone; run() stops at once.
      }
    }

    void stop() {
      running = false;
      stopped.complete(null);
      thread.interrupt();
    }

    boolean caughtUp() {
      StreamInfo info;
      try {
        info = streams.describe(mapping.eventSourceArn());
      } catch (AwsException e) {
        return true;
      }
      for (ShardInfo s : info.shards()) {
        Long at = positions.get(s.shardId());
        if (at == null) {
          return false;
        }
        if (at != FINISHED && !streams.read(mapping.eventSourceArn(), s.shardId(), at, 1).records().isEmpty()) {
          return false;
        }
      }
      return true;
    }

    private void run() {
      try {
        while (running) {
          StreamInfo info;
          try {
            info = streams.describe(mapping.eventSourceArn());
          } catch (AwsException e) {
            LOG.info("mapping {}: stream {} is gone; the poller stops", mapping.uuid(), mapping.eventSourceArn());
            return;
          }
          Set<String> listed = new HashSet<>();
          info.shards().forEach(s -> listed.add(s.shardId()));
          List<CompletableFuture<Void>> waits = new ArrayList<>();
          boolean progressed = false;
          for (ShardInfo shard : info.shards()) {
            long at = position(shard);
            if (at == FINISHED) {
              continue;
            }
            String parent = shard.parentShardId();
            if (parent != null && listed.contains(parent) && position(shardOf(info, parent)) != FINISHED) {
              continue;
            }
            int handled = drain(shard);
            progressed |= handled > 0;
            Long now = positions.get(shard.shardId());
            if (now != null && now != FINISHED) {
              waits.add(streams.whenReadable(mapping.eventSourceArn(), shard.shardId(), now));
            } else if (now != null) {
              progressed = true;
            }
          }
          if (!progressed && running) {
            waits.add(stopped);
            try {
              // Waits for a write (or a shard's end, or a stop); the timeout only picks up new shards.
              CompletableFuture.anyOf(waits.toArray(new CompletableFuture[0])).get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
              // A rollover with no write after it: describe again.
            } catch (java.util.concurrent.ExecutionException e) {
              LOG.debug("mapping {}: wait failed", mapping.uuid(), e.getCause());
            }
          }
        }
      } catch (InterruptedException e) {
        // Stopped.
      } catch (RuntimeException e) {
        LOG.error("mapping {} failed", mapping.uuid(), e);
      }
    }

    private ShardInfo shardOf(StreamInfo info, String shardId) {
      for (ShardInfo s : info.shards()) {
        if (s.shardId().equals(shardId)) {
          return s;
        }
      }
      return null;
    }

    /** Where the mapping reads a shard from: its checkpoint, or the starting position. */
    private long position(ShardInfo shard) {
      Long known = positions.get(shard.shardId());
      if (known != null) {
        return known;
      }
      Long saved = checkpoint(mapping.uuid(), shard.shardId());
      long at;
      if (saved != null) {
        at = saved;
      } else {
        boolean child = shard.parentShardId() != null && checkpointExists(shard.parentShardId());
        Streams.IteratorType type = child || mapping.startingPosition().equals("TRIM_HORIZON")
            ? Streams.IteratorType.TRIM_HORIZON : Streams.IteratorType.LATEST;
        try {
          at = streams.position(mapping.eventSourceArn(), shard.shardId(), type, null);
        } catch (AwsException trimmed) {
          at = FINISHED;
        }
        saveCheckpoint(mapping.uuid(), shard.shardId(), at);
      }
      positions.put(shard.shardId(), at);
      return at;
    }

    private boolean checkpointExists(String shardId) {
      return positions.containsKey(shardId) || checkpoint(mapping.uuid(), shardId) != null;
    }

    /** Reads and delivers a shard's available records; returns how many were handled. */
    private int drain(ShardInfo shard) throws InterruptedException {
      int handled = 0;
      while (running) {
        long at = positions.get(shard.shardId());
        Streams.Page page;
        try {
          page = streams.read(mapping.eventSourceArn(), shard.shardId(), at, mapping.batchSize());
        } catch (AwsException e) {
          if (e.errorCode() == dev.streambed.streams.StreamsError.TRIMMED_DATA_ACCESS) {
            positions.put(shard.shardId(), FINISHED);
            saveCheckpoint(mapping.uuid(), shard.shardId(), FINISHED);
          }
          return handled;
        }
        if (page.records().isEmpty()) {
          if (page.ended()) {
            positions.put(shard.shardId(), FINISHED);
            saveCheckpoint(mapping.uuid(), shard.shardId(), FINISHED);
          }
          return handled;
        }
        List<StreamRecord> batch = new ArrayList<>(page.records());
        if (mapping.maximumBatchingWindowInSeconds() > 0 && batch.size() < mapping.batchSize()) {
          batch = fillWindow(shard, batch);
        }
        deliver(shard, batch);
        handled += batch.size();
      }
      return handled;
    }

    /** Waits up to the batching window for the batch to fill. */
    private List<StreamRecord> fillWindow(ShardInfo shard, List<StreamRecord> batch) throws InterruptedException {
      long deadline = System.nanoTime() + mapping.maximumBatchingWindowInSeconds() * 1_000_000_000L;
      while (running && batch.size() < mapping.batchSize()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        long after = batch.get(batch.size() - 1).sequence();
        try {
          CompletableFuture.anyOf(streams.whenReadable(mapping.eventSourceArn(), shard.shardId(), after), stopped)
              .get(left, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          break;
        } catch (java.util.concurrent.ExecutionException e) {
          break;
        }
        Streams.Page more = streams.read(mapping.eventSourceArn(), shard.shardId(), after,
            mapping.batchSize() - batch.size());
        batch.addAll(more.records());
        if (more.ended()) {
          break;
        }
      }
      return batch;
    }

    /**
     * Delivers a batch with AWS's retry rules, then moves the checkpoint past it. Records the
     * filters drop are passed over without an invocation.
     */
    private void deliver(ShardInfo shard, List<StreamRecord> batch) throws InterruptedException {
      List<StreamRecord> wanted = new ArrayList<>(batch.size());
      for (StreamRecord r : batch) {
        if (filter.isEmpty() || filter.matches(tree(r))) {
          wanted.add(r);
        }
      }
      if (!wanted.isEmpty()) {
        process(shard, wanted, 0);
      }
      long last = batch.get(batch.size() - 1).sequence();
      positions.put(shard.shardId(), last);
      saveCheckpoint(mapping.uuid(), shard.shardId(), last);
    }

    /** Invokes until the batch succeeds or is given up; splits it when bisecting. */
    private void process(ShardInfo shard, List<StreamRecord> batch, int retries) throws InterruptedException {
      List<StreamRecord> remaining = batch;
      int attempt = retries;
      long backoff = 50;
      while (running) {
        Result result = invoke(remaining);
        if (result.ok()) {
          mappings.recordResult(mapping.uuid(), "OK");
          return;
        }
        if (result.throttled()) {
          Thread.sleep(backoff);
          backoff = Math.min(backoff * 2, 1000);
          continue;
        }
        mappings.recordResult(mapping.uuid(), "PROBLEM: Function call failed");
        if (result.failedFrom() > 0) {
          // ReportBatchItemFailures: the records before the first failure are done.
          remaining = remaining.subList(result.failedFrom(), remaining.size());
        }
        if (mapping.bisectBatchOnFunctionError() && remaining.size() > 1) {
          int half = remaining.size() / 2;
          process(shard, new ArrayList<>(remaining.subList(0, half)), attempt + 1);
          process(shard, new ArrayList<>(remaining.subList(half, remaining.size())), attempt + 1);
          return;
        }
        attempt++;
        if (gaveUp(remaining, attempt)) {
          LOG.warn("mapping {}: giving up {} records of shard {} after {} attempts", mapping.uuid(),
              remaining.size(), shard.shardId(), attempt);
          return;
        }
        Thread.sleep(backoff);
        backoff = Math.min(backoff * 2, 1000);
      }
    }

    private boolean gaveUp(List<StreamRecord> batch, int attempts) {
      if (mapping.maximumRetryAttempts() >= 0 && attempts > mapping.maximumRetryAttempts()) {
        return true;
      }
      if (mapping.maximumRecordAgeInSeconds() >= 0) {
        long oldest = batch.get(0).createdMillis();
        return clock.millis() - oldest > mapping.maximumRecordAgeInSeconds() * 1000L;
      }
      return false;
    }

    /** What one invocation of a batch gave: success, throttling, or the index to retry from. */
    private record Result(boolean ok, boolean throttled, int failedFrom) {}

    private Result invoke(List<StreamRecord> batch) {
      byte[] event = event(batch);
      Functions.Resolved resolved;
      try {
        resolved = functions.resolve(FunctionRef.parse(mapping.functionArn(), mapping.account(), mapping.region()));
      } catch (AwsException e) {
        return new Result(false, false, 0);
      }
      Outcome o;
      try {
        o = invocations.run(resolved, event, UUID.randomUUID().toString(), null);
      } catch (AwsException e) {
        return new Result(false, e.errorCode() == LambdaError.TOO_MANY_REQUESTS, 0);
      }
      if (o.functionError()) {
        return new Result(false, false, 0);
      }
      if (!mapping.functionResponseTypes().contains("ReportBatchItemFailures")) {
        return new Result(true, false, 0);
      }
      return itemFailures(batch, o.payload());
    }

    /**
     * ReportBatchItemFailures: {@code {"batchItemFailures": [{"itemIdentifier": SEQ}]}}. An empty
     * or absent list is success; an identifier that is not in the batch fails the whole batch.
     */
    private Result itemFailures(List<StreamRecord> batch, byte[] payload) {
      JsonNode answer;
      try {
        answer = MAPPER.readTree(payload);
      } catch (IOException e) {
        return new Result(true, false, 0);
      }
      JsonNode failures = answer == null ? null : answer.get("batchItemFailures");
      if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
        return new Result(true, false, 0);
      }
      if (!failures.isArray()) {
        return new Result(false, false, 0);
      }
      int first = Integer.MAX_VALUE;
      for (JsonNode f : failures) {
        JsonNode id = f == null ? null : f.get("itemIdentifier");
        int index = -1;
        for (int i = 0; id != null && id.isTextual() && i < batch.size(); i++) {
          if (batch.get(i).sequenceNumber().equals(id.textValue())) {
            index = i;
          }
        }
        if (index < 0) {
          return new Result(false, false, 0);
        }
        first = Math.min(first, index);
      }
      return new Result(false, false, first);
    }

    private byte[] event(List<StreamRecord> batch) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      try (JsonGenerator g = JSON.createGenerator(out)) {
        g.writeStartObject();
        g.writeArrayFieldStart("Records");
        for (StreamRecord r : batch) {
          StreamRecordJson.write(g, r, mapping.region(), mapping.eventSourceArn());
        }
        g.writeEndArray();
        g.writeEndObject();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return out.toByteArray();
    }

    private JsonNode tree(StreamRecord r) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      try (JsonGenerator g = JSON.createGenerator(out)) {
        StreamRecordJson.write(g, r, mapping.region(), mapping.eventSourceArn());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      try {
        return MAPPER.readTree(out.toByteArray());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
