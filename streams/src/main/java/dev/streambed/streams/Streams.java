package dev.streambed.streams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.ItemSize;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The DynamoDB Streams service: streams of tables, their shards, and the records that writers
 * append in the same storage batch as the item they changed.
 *
 * <p>Each shard is an append-only run of records keyed by sequence number. Writers take numbers
 * without a common lock; readers see a record only when every smaller number of its shard is
 * settled, so nothing appears behind a reader. Appending wakes the readers that wait in this
 * process ({@link #whenReadable}), which is how triggers see a write within a millisecond.
 *
 * <p>Storage keys: {@code 0x30 | stream ARN} holds a stream's descriptor; {@code 0x31 | stream id
 * (16 bytes) | shard ordinal (4) | sequence (8)} holds a record.
 */
public final class Streams {
  /** How long records stay readable, and a disabled stream listed. */
  public static final Duration RETENTION = Duration.ofHours(24);
  /** How long a shard iterator stays usable. */
  public static final Duration ITERATOR_LIFETIME = Duration.ofMinutes(15);
  /** GetRecords answers at most this many bytes of records (at least one record). */
  public static final long MAX_READ_BYTES = 1024 * 1024;

  private static final byte DESCRIPTOR = 0x30;
  private static final byte RECORD = 0x31;
  private static final byte TRIMMED = 0x32;
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final HexFormat HEX = HexFormat.of();

  private final Storage storage;
  private final Clock clock;
  private final StreamsConfig config;
  private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();

  public Streams(Storage storage, Clock clock, StreamsConfig config) {
    this.storage = storage;
    this.clock = clock;
    this.config = config;
    recover();
  }

  public Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- the table's side

  /** Starts a stream for a table; its first shards open now. */
  public void create(StreamSpec spec) {
    long now = clock.millis();
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    LiveStream s = new LiveStream(HEX.formatHex(id), id, spec, 0);
    synchronized (s) {
      LiveShard[] active = new LiveShard[config.shardsPerStream()];
      for (int slot = 0; slot < active.length; slot++) {
        active[slot] = newShard(s, slot, null, now);
      }
      s.active = active;
      s.rolloverAtMillis = now + config.rolloverPeriod().toMillis();
      if (streams.putIfAbsent(s.arn, s) != null) {
        throw new IllegalStateException("stream exists: " + s.arn);
      }
      persist(s);
    }
  }

  /** Whether a stream with this ARN exists (enabled, or disabled and still listed). */
  public boolean exists(String arn) {
    return streams.containsKey(arn);
  }

  /** Forgets a stream that was never used (its table could not be created). */
  public void discard(String arn) {
    LiveStream s = streams.remove(arn);
    if (s != null) {
      delete(s);
    }
  }

  /**
   * Disables a stream: its shards close, it takes no more records, and it stays readable for
   * {@link #RETENTION}. Does nothing if the stream is unknown or already disabled.
   */
  public void disable(String arn) {
    LiveStream s = streams.get(arn);
    if (s == null) {
      return;
    }
    long now = clock.millis();
    synchronized (s) {
      if (!s.enabled()) {
        return;
      }
      s.disabledMillis = now;
      LiveShard[] closing = s.active;
      for (LiveShard shard : closing) {
        shard.close(now);
      }
      s.active = new LiveShard[0];
      persist(s);
      for (LiveShard shard : closing) {
        shard.wake();
      }
    }
  }

  /**
   * Adds the record of one item change to {@code batch}, the batch that writes the item, and
   * returns what must run once that batch has committed or failed (the record's sequence number
   * is then settled). Returns null, adding nothing, when the stream takes no records.
   *
   * @param partitionKey the encoded partition key, which decides the shard
   * @param oldItem the item before, or null
   * @param newItem the item after, or null
   * @param serviceDeletion a deletion by time to live
   */
  public Runnable append(String streamArn, byte[] partitionKey, Map<String, AttributeValue> keys,
      Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem,
      boolean serviceDeletion, Batch batch) {
    LiveStream s = streams.get(streamArn);
    if (s == null || !s.enabled()) {
      return null;
    }
    long now = clock.millis();
    if (now >= s.rolloverAtMillis) {
      rollover(s, now);
    }
    LiveShard[] active = s.active;
    LiveShard.Ticket ticket;
    LiveShard shard;
    while (true) {
      if (active.length == 0) {
        return null;
      }
      shard = active[active.length == 1 ? 0 : Math.floorMod(Arrays.hashCode(partitionKey), active.length)];
      ticket = shard.take(s.sequence, now);
      if (ticket != null) {
        break;
      }
      active = s.currentActive();
    }
    String viewType = s.spec.viewType();
    String eventName = oldItem == null ? "INSERT" : newItem == null ? "REMOVE" : "MODIFY";
    Map<String, AttributeValue> newImage =
        viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES") ? newItem : null;
    Map<String, AttributeValue> oldImage =
        viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES") ? oldItem : null;
    long size = ItemSize.of(keys) + (newImage == null ? 0 : ItemSize.of(newImage))
        + (oldImage == null ? 0 : ItemSize.of(oldImage));
    byte[] eventId = new byte[16];
    ThreadLocalRandom.current().nextBytes(eventId);
    batch.put(recordKey(s, shard.ordinal, ticket.seq), RecordCodec.encode(eventName, now, eventId,
        size, viewType, keys, newImage, oldImage, serviceDeletion));
    LiveShard taken = shard;
    LiveShard.Ticket t = ticket;
    return () -> taken.settle(t);
  }

  // ---------------------------------------------------------------- reading

  /** A stream's description, or ResourceNotFoundException. */
  public StreamInfo describe(String arn) {
    LiveStream s = live(arn);
    maintain(s, clock.millis());
    return info(s);
  }

  /** The streams of an account and region, newest first, optionally of one table. */
  public List<StreamInfo> list(String account, String region, String tableName) {
    long now = clock.millis();
    List<LiveStream> found = new ArrayList<>();
    for (LiveStream s : streams.values()) {
      if (s.spec.account().equals(account) && s.spec.region().equals(region)
          && (tableName == null || s.spec.tableName().equals(tableName))) {
        found.add(s);
      }
    }
    List<StreamInfo> out = new ArrayList<>();
    for (LiveStream s : found) {
      maintain(s, now);
      if (streams.containsKey(s.arn)) {
        out.add(info(s));
      }
    }
    out.sort(Comparator.comparingLong(StreamInfo::createdMillis).reversed()
        .thenComparing(StreamInfo::arn));
    return out;
  }

  /** Where a reader of a shard starts. */
  public enum IteratorType { TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER }

  /**
   * The position a reader of a shard starts from: the sequence number after which it reads.
   * Errors as GetShardIterator's.
   */
  public long position(String arn, String shardId, IteratorType type, String sequenceNumber) {
    LiveStream s = streams.get(arn);
    if (s == null) {
      throw streamMissing(arn);
    }
    maintain(s, clock.millis());
    LiveShard shard = s.shard(shardId);
    if (shard == null) {
      throw StreamsError.shardNotFound();
    }
    if (s.gone.contains(shardId)) {
      throw StreamsError.trimmed();
    }
    switch (type) {
      case TRIM_HORIZON:
        return Math.max(shard.trimmedThrough, shard.startSeq - 1);
      case LATEST:
        return shard.visible();
      default:
        long n = Sequences.parse(sequenceNumber);
        long last = shard.isClosed() ? shard.endSeq() : shard.lastAllocated();
        if (n < shard.startSeq || n > last) {
          throw AwsException.validation("Invalid SequenceNumber: " + sequenceNumber
              + " is not a sequence number of shard " + shardId);
        }
        if (n <= shard.trimmedThrough) {
          throw StreamsError.trimmed();
        }
        return type == IteratorType.AT_SEQUENCE_NUMBER ? n - 1 : n;
    }
  }

  /** A shard iterator for a position, in AWS's {@code ARN|1|...} form. */
  public String iterator(String arn, String shardId, long after) {
    String payload = shardId + "|" + after + "|" + clock.millis();
    return arn + "|1|" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
  }

  /** What a shard iterator says. */
  public record Position(String streamArn, String shardId, long after, long issuedMillis) {}

  /** Decodes a shard iterator, or ValidationException "Invalid ShardIterator". */
  public Position decode(String iterator) {
    if (iterator != null) {
      int bar = iterator.indexOf("|1|");
      if (bar > 0) {
        try {
          String payload = new String(Base64.getUrlDecoder().decode(iterator.substring(bar + 3)),
              StandardCharsets.UTF_8);
          String[] parts = payload.split("\\|");
          if (parts.length == 3) {
            return new Position(iterator.substring(0, bar), parts[0], Long.parseLong(parts[1]),
                Long.parseLong(parts[2]));
          }
        } catch (IllegalArgumentException e) {
          // falls through to the refusal
        }
      }
    }
    throw AwsException.validation("Invalid ShardIterator");
  }

  /**
   * A page of records.
   *
   * @param after the position to read on from
   * @param ended the shard is closed and read to its end: no more records will ever come
   */
  public record Page(List<StreamRecord> records, long after, boolean ended) {}

  /** GetRecords: the records after an iterator's position, with its errors. */
  public Page read(Position p, int limit) {
    long now = clock.millis();
    LiveStream s = streams.get(p.streamArn());
    if (s == null) {
      throw streamMissing(p.streamArn());
    }
    if (now - p.issuedMillis() > ITERATOR_LIFETIME.toMillis()) {
      throw new AwsException(StreamsError.EXPIRED_ITERATOR, "Iterator expired. The iterator was "
          + "created at time " + java.time.Instant.ofEpochMilli(p.issuedMillis()) + " while right now "
          + "it is " + java.time.Instant.ofEpochMilli(now) + " which is further in the future than the "
          + "tolerated delay of " + ITERATOR_LIFETIME.toMillis() + " milliseconds.");
    }
    return read(p.streamArn(), p.shardId(), p.after(), limit);
  }

  /**
   * The records of a shard after a position, at most {@code limit} and about 1 MB. For readers
   * inside the process (triggers), which wait with {@link #whenReadable} instead of polling.
   */
  public Page read(String arn, String shardId, long after, int limit) {
    LiveStream s = live(arn);
    maintain(s, clock.millis());
    LiveShard shard = s.shard(shardId);
    if (shard == null) {
      throw StreamsError.shardNotFound();
    }
    if (s.gone.contains(shardId) || after < shard.trimmedThrough) {
      throw StreamsError.trimmed();
    }
    boolean drained = shard.drained();
    long visible = shard.visible();
    List<StreamRecord> records = new ArrayList<>();
    if (visible > after) {
      List<Entry> entries = storage.range(recordKey(s, shard.ordinal, after + 1),
          recordKey(s, shard.ordinal, visible + 1), false, limit + 1);
      long bytes = 0;
      for (Entry e : entries) {
        if (records.size() == limit) {
          return new Page(records, records.get(records.size() - 1).sequence(), false);
        }
        StreamRecord r = RecordCodec.decode(sequenceOf(e.key()), e.value());
        if (!records.isEmpty() && bytes + r.sizeBytes() > MAX_READ_BYTES) {
          return new Page(records, records.get(records.size() - 1).sequence(), false);
        }
        bytes += r.sizeBytes();
        records.add(r);
      }
    }
    long next = records.isEmpty() ? after : records.get(records.size() - 1).sequence();
    return new Page(records, next, drained);
  }

  /**
   * Completes when a shard may have a record after {@code after}, or has ended, or is gone; at
   * once if that is already so. It may complete for less, so callers read, then wait again.
   */
  public CompletableFuture<Void> whenReadable(String arn, String shardId, long after) {
    LiveStream s = streams.get(arn);
    LiveShard shard = s == null ? null : s.shard(shardId);
    if (shard == null || s.gone.contains(shardId)) {
      return CompletableFuture.completedFuture(null);
    }
    return shard.whenBeyond(after);
  }

  /** Blocks until {@link #whenReadable} completes or the timeout passes; true if it completed. */
  public boolean awaitReadable(String arn, String shardId, long after, Duration timeout)
      throws InterruptedException {
    try {
      whenReadable(arn, shardId, after).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  // ---------------------------------------------------------------- upkeep

  /**
   * Rolls over shards whose period has passed, trims records older than {@link #RETENTION},
   * drops shards trimmed empty and streams disabled for longer than the retention. Reads do
   * this for the stream they touch; the server also runs it on an interval.
   */
  public void maintain() {
    long now = clock.millis();
    for (LiveStream s : List.copyOf(streams.values())) {
      maintain(s, now);
    }
  }

  private void maintain(LiveStream s, long now) {
    if (s.enabled() && now >= s.rolloverAtMillis) {
      rollover(s, now);
    }
    long horizon = now - RETENTION.toMillis();
    boolean changed = false;
    for (LiveShard shard : s.shards.values()) {
      if (shard.oldestMillis < horizon) {
        trim(s, shard, horizon);
      }
      if (shard.isClosed() && shard.drained() && shard.closedMillis() < horizon
          && shard.oldestMillis == Long.MAX_VALUE && !s.gone.contains(shard.shardId)) {
        s.gone.add(shard.shardId);
        shard.wake();
        changed = true;
      }
    }
    if (!s.enabled() && s.disabledMillis < horizon) {
      if (streams.remove(s.arn, s)) {
        delete(s);
        s.shards.values().forEach(LiveShard::wake);
      }
      return;
    }
    if (changed) {
      synchronized (s) {
        persist(s);
      }
    }
  }

  private void trim(LiveStream s, LiveShard shard, long horizon) {
    synchronized (shard.trimLock) {
      while (true) {
        long visible = shard.visible();
        List<Entry> entries = storage.range(recordKey(s, shard.ordinal, shard.trimmedThrough + 1),
            recordKey(s, shard.ordinal, visible + 1), false, 256);
        Batch batch = new Batch();
        long through = shard.trimmedThrough;
        long oldest = Long.MAX_VALUE;
        for (Entry e : entries) {
          long created = RecordCodec.createdMillis(e.value());
          if (created >= horizon) {
            oldest = created;
            break;
          }
          batch.delete(e.key());
          through = sequenceOf(e.key());
        }
        if (!batch.isEmpty()) {
          // The trim point is stored with the deletes: after a restart, the oldest record left
          // cannot tell a trimmed number from one taken by a write that never committed.
          batch.put(trimKey(s, shard.ordinal), ByteBuffer.allocate(8).putLong(through).array());
          storage.commit(batch);
          shard.trimmedThrough = through;
        }
        if (oldest != Long.MAX_VALUE) {
          shard.oldestMillis = oldest;
          return;
        }
        if (entries.size() < 256) {
          shard.trimmedAllUpTo(visible, clock.millis());
          return;
        }
      }
    }
  }

  private void rollover(LiveStream s, long now) {
    synchronized (s) {
      if (!s.enabled() || now < s.rolloverAtMillis) {
        return;
      }
      LiveShard[] old = s.active;
      for (LiveShard shard : old) {
        shard.close(now);
      }
      LiveShard[] children = new LiveShard[old.length];
      for (int slot = 0; slot < old.length; slot++) {
        children[slot] = newShard(s, slot, old[slot].shardId, now);
      }
      s.active = children;
      s.rolloverAtMillis = now + config.rolloverPeriod().toMillis();
      persist(s);
      for (LiveShard shard : old) {
        shard.wake();
      }
    }
  }

  private LiveShard newShard(LiveStream s, int slot, String parent, long now) {
    String shardId = String.format("shardId-%020d-%08x", now, ThreadLocalRandom.current().nextInt());
    LiveShard shard = new LiveShard(shardId, s.nextOrdinal++, slot, parent, s.sequence.get() + 1,
        now, 0, -1, 0);
    s.add(shard);
    return shard;
  }

  // ---------------------------------------------------------------- storage

  private LiveStream live(String arn) {
    LiveStream s = streams.get(arn);
    if (s == null) {
      throw StreamsError.streamNotFound(arn);
    }
    return s;
  }

  private static AwsException streamMissing(String arn) {
    return StreamsError.streamNotFound(arn);
  }

  private StreamInfo info(LiveStream s) {
    List<ShardInfo> shards = s.listed().stream().map(LiveShard::info).toList();
    StreamSpec spec = s.spec;
    return new StreamInfo(s.arn, spec.label(), spec.account(), spec.region(), spec.tableName(),
        status(s), spec.viewType(), spec.keySchema(), spec.createdMillis(),
        shards);
  }

  /** AWS's StreamStatus: transitional for {@link StreamsConfig#statusTransition} after a change. */
  private String status(LiveStream s) {
    long transition = config.statusTransition().toMillis();
    long now = clock.millis();
    if (s.enabled()) {
      return now < s.spec.createdMillis() + transition ? "ENABLING" : "ENABLED";
    }
    return now < s.disabledMillis + transition ? "DISABLING" : "DISABLED";
  }

  private static byte[] recordKey(LiveStream s, int ordinal, long seq) {
    return ByteBuffer.allocate(1 + 16 + 4 + 8).put(RECORD).put(s.id).putInt(ordinal).putLong(seq).array();
  }

  private static byte[] shardPrefix(LiveStream s, int ordinal) {
    return ByteBuffer.allocate(1 + 16 + 4).put(RECORD).put(s.id).putInt(ordinal).array();
  }

  private static byte[] trimKey(LiveStream s, int ordinal) {
    return ByteBuffer.allocate(21).put(TRIMMED).put(s.id).putInt(ordinal).array();
  }

  private static long sequenceOf(byte[] recordKey) {
    return ByteBuffer.wrap(recordKey, recordKey.length - 8, 8).getLong();
  }

  private static byte[] descriptorKey(String arn) {
    byte[] a = arn.getBytes(StandardCharsets.UTF_8);
    byte[] key = new byte[a.length + 1];
    key[0] = DESCRIPTOR;
    System.arraycopy(a, 0, key, 1, a.length);
    return key;
  }

  /** Writes the stream's descriptor; callers hold the stream's monitor. */
  private void persist(LiveStream s) {
    List<StreamDescriptor.Shard> shards = new ArrayList<>();
    for (LiveShard shard : s.shards.values()) {
      shards.add(new StreamDescriptor.Shard(shard.shardId, shard.ordinal, shard.slot,
          shard.parentShardId, shard.startSeq, shard.createdMillis, shard.endSeq(),
          shard.closedMillis(), s.gone.contains(shard.shardId)));
    }
    StreamDescriptor d = new StreamDescriptor(s.idHex, s.spec, s.disabledMillis, s.rolloverAtMillis, shards);
    try {
      storage.commit(new Batch().put(descriptorKey(s.arn), JSON.writeValueAsBytes(d)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void delete(LiveStream s) {
    byte[] prefix = ByteBuffer.allocate(17).put(RECORD).put(s.id).array();
    while (true) {
      List<Entry> entries = storage.range(prefix, Keys.prefixEnd(prefix), false, 1000);
      if (entries.isEmpty()) {
        break;
      }
      Batch batch = new Batch();
      entries.forEach(e -> batch.delete(e.key()));
      storage.commit(batch);
    }
    byte[] trims = ByteBuffer.allocate(17).put(TRIMMED).put(s.id).array();
    Batch last = new Batch().delete(descriptorKey(s.arn));
    storage.range(trims, Keys.prefixEnd(trims), false, Integer.MAX_VALUE).forEach(e -> last.delete(e.key()));
    storage.commit(last);
  }

  /** Loads the streams a persistent store holds, so sequence numbers go on from where they were. */
  private void recover() {
    byte[] prefix = {DESCRIPTOR};
    for (Entry e : storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)) {
      StreamDescriptor d;
      try {
        d = JSON.readValue(e.value(), StreamDescriptor.class);
      } catch (IOException ex) {
        throw new UncheckedIOException("unreadable stream descriptor", ex);
      }
      LiveStream s = new LiveStream(d.id(), HEX.parseHex(d.id()), d.spec(), 0);
      long last = 0;
      List<LiveShard> active = new ArrayList<>();
      for (StreamDescriptor.Shard sd : d.shards()) {
        byte[] shardPrefix = shardPrefix(s, sd.ordinal());
        List<Entry> newest = storage.range(shardPrefix, Keys.prefixEnd(shardPrefix), true, 1);
        List<Entry> oldest = storage.range(shardPrefix, Keys.prefixEnd(shardPrefix), false, 1);
        Entry trim = storage.get(trimKey(s, sd.ordinal()));
        long trimmed = trim == null ? sd.startSeq() - 1 : ByteBuffer.wrap(trim.value()).getLong();
        // Numbers only grow: past the last record, and past every number trimmed away.
        long lastStored = Math.max(trimmed, newest.isEmpty() ? 0 : sequenceOf(newest.get(0).key()));
        LiveShard shard = new LiveShard(sd.shardId(), sd.ordinal(), sd.slot(), sd.parentShardId(),
            sd.startSeq(), sd.createdMillis(), lastStored, sd.endSeq(), sd.closedMillis());
        shard.trimmedThrough = Math.max(shard.trimmedThrough, trimmed);
        if (!oldest.isEmpty()) {
          shard.oldestMillis = RecordCodec.createdMillis(oldest.get(0).value());
        }
        s.add(shard);
        if (sd.gone()) {
          s.gone.add(sd.shardId());
        }
        if (sd.endSeq() < 0) {
          active.add(shard);
        }
        last = Math.max(last, Math.max(lastStored, Math.max(sd.endSeq(), sd.startSeq())));
        s.nextOrdinal = Math.max(s.nextOrdinal, sd.ordinal() + 1);
      }
      s.sequence.set(last);
      active.sort(Comparator.comparingInt(x -> x.slot));
      s.active = active.toArray(new LiveShard[0]);
      s.disabledMillis = d.disabledMillis();
      s.rolloverAtMillis = d.rolloverAtMillis();
      streams.put(s.arn, s);
    }
  }
}
