package dev.streambed.lambda.esm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.streams.StreamRecord;
import dev.streambed.streams.StreamRecordJson;
import dev.streambed.streams.Streams;
import dev.streambed.streams.StreamsError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mapping's work on one shard: a coordinator thread reads the shard from the checkpoint,
 * filters its records, routes the matching ones to the lanes by partition key, hands each
 * lane's batches to a worker, and stores the checkpoint: the sequence number below which every
 * record is filtered out, delivered or given up, whichever lane had it.
 *
 * <p>The coordinator never polls: it waits for a write to the shard
 * ({@link Streams#whenReadable}), a worker's news, a batching or tumbling window's end on the
 * injected clock, or the stop.
 */
final class ShardProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(ShardProcessor.class);
  private static final JsonFactory JSON_FACTORY = new JsonFactory();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Records read from the stream at once (GetRecords' limit). */
  private static final int READ_LIMIT = 1000;

  private final MappingConfig mapping;
  private final Context ctx;
  private final String shardId;
  private final String partitionKey;
  private final Runnable onFinished;
  private final Stop stop = new Stop();
  private final Thread thread;
  private final ExecutorService workers;
  private final Lane[] lanes;
  private final FilterMatcher filter;
  private final BatchSender sender;
  private final Semaphore wakeups = new Semaphore(0);
  /** What the workers report, run by the coordinator. */
  private final ConcurrentLinkedQueue<Runnable> news = new ConcurrentLinkedQueue<>();
  /** Matching records read and not yet delivered or given up. */
  private final TreeSet<Long> unfinished = new TreeSet<>();
  /** Records read whose lane was full: the reader waits until they fit. */
  private final ArrayDeque<EventRecord> parked = new ArrayDeque<>();
  private volatile long readThrough;
  private boolean ended;
  private long saved;
  private String savedWindows;
  private volatile boolean idle;
  private CompletableFuture<Void> readable;
  private long readableAfter = -1;
  private CompletableFuture<Void> timer;
  private long timerAt = Long.MAX_VALUE;

  /**
   * @param after the checkpoint: the sequence number after which to read
   * @param windows the open tumbling windows the checkpoint kept, or null
   * @param onFinished called once the shard is read to its end and every record is done
   */
  ShardProcessor(MappingConfig mapping, Context ctx, String shardId, String partitionKey, long after,
      String windows, Runnable onFinished) {
    this.mapping = mapping;
    this.ctx = ctx;
    this.shardId = shardId;
    this.partitionKey = partitionKey;
    this.onFinished = onFinished;
    this.readThrough = after;
    this.saved = after;
    this.savedWindows = windows;
    this.filter = new FilterMatcher(mapping.filterPatterns());
    this.sender = new BatchSender(mapping, ctx, stop);
    this.lanes = new Lane[mapping.parallelizationFactor()];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new Lane(shardId, mapping);
    }
    restoreWindows(windows);
    String name = "esm-" + mapping.uuid().substring(0, 8) + "-" + shardId.substring(shardId.length() - 8);
    this.workers = Executors.newFixedThreadPool(lanes.length, r -> {
      Thread t = new Thread(r, name + "-lane");
      t.setDaemon(true);
      return t;
    });
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
    stop.future().thenRun(this::wake);
  }

  void start() {
    thread.start();
  }

  /** Stops reading and sending: an invocation in flight is abandoned, its records stay unfinished. */
  void stop() {
    stop.stop();
    workers.shutdownNow();
  }

  /** Waits until the coordinator and every worker have ended. */
  void join() throws InterruptedException {
    thread.join();
    workers.awaitTermination(1, TimeUnit.MINUTES);
  }

  /** Whether every record written to the shard so far is done. */
  boolean caughtUp() {
    if (!idle) {
      return false;
    }
    try {
      return ctx.streams().read(mapping.eventSourceArn(), shardId, readThrough, 1).records().isEmpty();
    } catch (AwsException e) {
      return true;
    }
  }

  private void wake() {
    if (wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  private void post(Runnable r) {
    news.add(r);
    wake();
  }

  private void run() {
    try {
      while (stop.running()) {
        for (Runnable r; (r = news.poll()) != null; ) {
          r.run();
        }
        boolean wasParked = !parked.isEmpty();
        read();
        dispatch();
        route();
        save();
        if (ended && parked.isEmpty() && allSettled()) {
          ctx.checkpoints().save(mapping.uuid(), shardId, Checkpoints.FINISHED, null);
          LOG.debug("mapping {}: shard {} finished", mapping.uuid(), shardId);
          onFinished.run();
          ctx.idle().run();
          return;
        }
        if (wasParked && parked.isEmpty()) {
          // The lanes took what waited: read on before sleeping.
          continue;
        }
        await();
      }
    } catch (InterruptedException e) {
      // Stopped.
    } catch (AwsException e) {
      LOG.info("mapping {}: shard {} of {} is no longer readable: {}", mapping.uuid(), shardId,
          mapping.eventSourceArn(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("mapping {}: shard {} failed; its records from {} on wait for the next start", mapping.uuid(),
          shardId, saved, e);
    } finally {
      stop.stop();
      workers.shutdownNow();
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }

  // ---------------------------------------------------------------- reading

  private void read() {
    while (!ended && parked.isEmpty() && stop.running()) {
      Streams.Page page;
      try {
        page = ctx.streams().read(mapping.eventSourceArn(), shardId, readThrough, READ_LIMIT);
      } catch (AwsException e) {
        if (e.errorCode() != StreamsError.TRIMMED_DATA_ACCESS) {
          throw e;
        }
        skipTrimmed();
        continue;
      }
      for (StreamRecord r : page.records()) {
        EventRecord er = encode(r);
        if (matches(er)) {
          unfinished.add(r.sequence());
          parked.addLast(er);
        }
      }
      readThrough = page.after();
      route();
      if (page.records().isEmpty() || page.ended()) {
        ended = page.ended();
        return;
      }
    }
  }

  /**
   * The records after the checkpoint were trimmed (older than 24 hours) before the mapping read
   * them: it goes on from the oldest record left, as a reader of the stream must.
   */
  private void skipTrimmed() {
    try {
      long horizon = ctx.streams().position(mapping.eventSourceArn(), shardId, Streams.IteratorType.TRIM_HORIZON, null);
      LOG.warn("mapping {}: records of shard {} after {} were trimmed before they were read", mapping.uuid(),
          shardId, readThrough);
      readThrough = Math.max(readThrough, horizon);
    } catch (AwsException gone) {
      // The whole shard is trimmed away.
      ended = true;
    }
  }

  /** Moves parked records into their lanes, in order, until one does not fit. */
  private void route() {
    long now = ctx.clock().millis();
    while (!parked.isEmpty()) {
      EventRecord r = parked.peekFirst();
      if (!lanes[Math.floorMod(r.keyHash(), lanes.length)].offer(r, now)) {
        return;
      }
      parked.pollFirst();
    }
  }

  /** Whether the record passes the mapping's filters; records that do not are consumed unseen. */
  private boolean matches(EventRecord r) {
    if (filter.isEmpty()) {
      return true;
    }
    try {
      return filter.matches(JSON.readTree(r.json()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private EventRecord encode(StreamRecord r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (int) r.sizeBytes() * 2);
    try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
      StreamRecordJson.write(g, r, mapping.region(), mapping.eventSourceArn());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AttributeValue key = partitionKey == null ? null : r.keys().get(partitionKey);
    return new EventRecord(r, out.toByteArray(), Objects.hashCode(key));
  }

  // ---------------------------------------------------------------- sending

  private void dispatch() {
    long now = ctx.clock().millis();
    boolean noMore = ended && parked.isEmpty();
    for (Lane lane : lanes) {
      Batch b = lane.next(now, noMore);
      if (b != null) {
        submit(lane, b);
      }
    }
  }

  private void submit(Lane lane, Batch batch) {
    try {
      workers.execute(() -> {
        BatchSender.Result result;
        try {
          result = sender.send(batch, done -> post(() -> done.forEach(r -> unfinished.remove(r.sequence()))));
        } catch (InterruptedException e) {
          result = new BatchSender.Result(false, null);
        } catch (RuntimeException e) {
          LOG.error("mapping {}: a batch of shard {} failed", mapping.uuid(), shardId, e);
          // Its records stay unfinished; the shard stops so that none is passed over.
          post(stop::stop);
          result = new BatchSender.Result(false, null);
        }
        BatchSender.Result r = result;
        post(() -> lane.completed(batch, r));
      });
    } catch (RejectedExecutionException stopping) {
      stop.stop();
    }
  }

  private boolean allSettled() {
    for (Lane lane : lanes) {
      if (!lane.settled()) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- the checkpoint

  private void save() {
    long checkpoint = unfinished.isEmpty() ? readThrough : unfinished.first() - 1;
    String windows = mapping.tumblingWindowInSeconds() > 0 ? windows() : null;
    if (checkpoint != saved || !Objects.equals(windows, savedWindows)) {
      ctx.checkpoints().save(mapping.uuid(), shardId, checkpoint, windows);
      saved = checkpoint;
      savedWindows = windows;
    }
  }

  /** The open windows as {@code {"LANE": {"start": MILLIS, "state": {...}}}}, or null if none. */
  private String windows() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lanes.length; i++) {
      if (lanes[i].windowStart() >= 0) {
        out.append(out.length() == 0 ? "{" : ",").append('"').append(i).append("\":{\"start\":")
            .append(lanes[i].windowStart()).append(",\"state\":").append(lanes[i].state()).append('}');
      }
    }
    return out.length() == 0 ? null : out.append('}').toString();
  }

  private void restoreWindows(String windows) {
    if (windows == null) {
      return;
    }
    try {
      ObjectNode all = (ObjectNode) JSON.readTree(windows);
      for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> w = it.next();
        int lane = Integer.parseInt(w.getKey());
        if (lane < lanes.length) {
          lanes[lane].restoreWindow(w.getValue().get("start").asLong(), w.getValue().get("state").toString());
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("mapping {}: the saved windows of shard {} are unreadable; they start afresh", mapping.uuid(), shardId);
    }
  }

  // ---------------------------------------------------------------- waiting

  private void await() throws InterruptedException {
    boolean nothingHeld = parked.isEmpty();
    for (Lane lane : lanes) {
      nothingHeld &= lane.empty();
    }
    idle = nothingHeld && news.isEmpty();
    if (idle) {
      ctx.idle().run();
    }
    if (!ended && parked.isEmpty() && (readable == null || readable.isDone() || readableAfter != readThrough)) {
      readableAfter = readThrough;
      readable = ctx.streams().whenReadable(mapping.eventSourceArn(), shardId, readThrough);
      readable.thenRun(this::wake);
    }
    long deadline = Long.MAX_VALUE;
    for (Lane lane : lanes) {
      deadline = Math.min(deadline, lane.deadline());
    }
    // A timer may fire a moment before the clock reads its time: then it is set again.
    if (deadline != timerAt || (timer != null && timer.isDone())) {
      if (timer != null) {
        timer.cancel(false);
      }
      timerAt = deadline;
      timer = deadline == Long.MAX_VALUE ? null : ctx.timers().at(deadline);
      if (timer != null) {
        timer.thenRun(this::wake);
      }
    }
    wakeups.acquire();
    wakeups.drainPermits();
    idle = false;
  }
}
