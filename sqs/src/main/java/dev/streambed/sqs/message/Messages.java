package dev.streambed.sqs.message;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.SqsKeys;
import dev.streambed.sqs.queue.Queue;
import dev.streambed.sqs.queue.QueueRef;
import dev.streambed.sqs.queue.Queues;
import dev.streambed.sqs.queue.RedrivePolicy;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages of queues: send, receive, delete, change visibility, count, and drop. Every change
 * of a message is one storage batch guarded by the message's version, so two receivers racing for
 * one message never both get it, without a lock.
 */
public final class Messages {
  /** What SendMessage answers. {@code sequenceNumber} is null but for FIFO queues. */
  public record Sent(String messageId, String md5OfBody, String md5OfAttributes,
      String md5OfSystemAttributes, String sequenceNumber) {}

  /** A message handed to a receiver, with the receipt handle of this receive. */
  public record Received(StoredMessage message, String receiptHandle) {}

  /** GetQueueAttributes' counts: visible, in flight (received, hidden), delayed. */
  public record Counts(int visible, int inFlight, int delayed) {}

  /** Told when messages of a queue may have become receivable, so that waiting receivers look. */
  @FunctionalInterface
  public interface Arrivals {
    void receivable(QueueRef queue);
  }

  /** The longest a message may stay hidden after a receive (ChangeMessageVisibility's limit). */
  public static final int MAX_VISIBILITY_SECONDS = 43_200;

  private static final int DROP_CHUNK = 500;

  private final Storage storage;
  private final Clock clock;
  private final Queues queues;
  private final Arrivals arrivals;
  private final Deduplication deduplication;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<Long, AtomicLong> sequences = new ConcurrentHashMap<>();

  public Messages(Storage storage, Clock clock, Queues queues, Arrivals arrivals) {
    this.storage = storage;
    this.clock = clock;
    this.queues = queues;
    this.arrivals = arrivals;
    this.deduplication = new Deduplication(storage);
  }

  /** Checks and stores a message (SendMessage); a FIFO duplicate answers the original's ids. */
  public Sent send(Queue q, OutgoingMessage m, boolean batchEntry) {
    MessageRules.check(q, m, batchEntry);
    while (true) {
      long now = clock.millis();
      Deduplication.Seen seen = null;
      String deduplicationId = null;
      if (q.fifo()) {
        deduplicationId = m.deduplicationId() != null ? m.deduplicationId() : Deduplication.ofContent(m.body());
        seen = deduplication.find(q, m.groupId(), deduplicationId);
        if (seen.duplicate(now)) {
          return sent(seen.messageId(), m, seen.sequence(), true);
        }
      }
      int delay = m.delaySeconds() != null && !q.fifo() ? m.delaySeconds() : q.delaySeconds();
      long sequence = nextSequence(q.id());
      StoredMessage stored = new StoredMessage(sequence, UUID.randomUUID().toString(), m.body(),
          new TreeMap<>(m.attributes()), new TreeMap<>(m.systemAttributes()), now, m.senderId(),
          now + delay * 1000L, 0, 0, 0, 0, m.groupId(), deduplicationId, null);
      byte[] key = SqsKeys.message(q.id(), sequence);
      Batch batch = new Batch().expectVersion(key, Storage.ABSENT).put(key, MessageCodec.encode(stored))
          .put(SqsKeys.visibility(q.id(), stored.visibleAt(), sequence), IndexEntry.of(stored).encode());
      if (seen != null) {
        deduplication.record(batch, q, seen, stored);
      }
      try {
        storage.commit(batch);
      } catch (VersionConflictException raced) {
        continue;
      }
      if (delay == 0) {
        arrivals.receivable(q.ref());
      }
      return sent(stored.messageId(), m, sequence, q.fifo());
    }
  }

  private static Sent sent(String messageId, OutgoingMessage m, long sequence, boolean fifo) {
    return new Sent(messageId, Md5.ofBody(m.body()), Md5.ofAttributes(m.attributes()),
        Md5.ofAttributes(m.systemAttributes()), fifo ? String.format("%020d", sequence) : null);
  }

  /**
   * Receives up to {@code max} visible messages and hides them for {@code visibilitySeconds}.
   * Messages past the queue's retention are deleted instead, and messages received more often
   * than the queue's RedrivePolicy allows move to its dead-letter queue. A FIFO queue gives the
   * first messages of groups that have none in flight, in order.
   */
  public List<Received> receive(Queue q, int max, int visibilitySeconds) {
    long now = clock.millis();
    return q.fifo() ? receiveFifo(q, max, visibilitySeconds, now) : receiveStandard(q, max, visibilitySeconds, now);
  }

  private List<Received> receiveStandard(Queue q, int max, int visibilitySeconds, long now) {
    List<Received> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    byte[] from = SqsKeys.visibility(q.id());
    byte[] to = SqsKeys.visibleAfter(q.id(), now);
    int page = max * 4 + 16;
    while (out.size() < max) {
      List<Entry> entries = storage.range(from, to, false, page);
      for (Entry index : entries) {
        long sequence = SqsKeys.sequenceOfIndex(index.key());
        // A message received with visibility 0 is indexed again at now, ahead of this read.
        if (out.size() < max && seen.add(sequence)) {
          Received r = claim(q, index.key(), sequence, now, visibilitySeconds);
          if (r != null) {
            out.add(r);
          }
        }
      }
      if (entries.size() < page) {
        break;
      }
      from = Keys.successor(entries.get(entries.size() - 1).key());
    }
    return out;
  }

  private List<Received> receiveFifo(Queue q, int max, int visibilitySeconds, long now) {
    byte[] prefix = SqsKeys.visibility(q.id());
    Set<String> blocked = new HashSet<>();
    List<Entry> visible = new ArrayList<>();
    for (Entry e : storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)) {
      IndexEntry index = IndexEntry.decode(e.value());
      if (SqsKeys.visibleAtOf(e.key()) <= now) {
        visible.add(e);
      } else if (index.received()) {
        // A group with a message in flight gives nothing more until that message is done.
        blocked.add(index.groupId());
      }
    }
    visible.sort(Comparator.comparingLong(e -> SqsKeys.sequenceOfIndex(e.key())));
    List<Received> out = new ArrayList<>();
    for (Entry e : visible) {
      String group = IndexEntry.decode(e.value()).groupId();
      if (out.size() == max) {
        break;
      }
      if (!blocked.contains(group)) {
        Received r = claim(q, e.key(), SqsKeys.sequenceOfIndex(e.key()), now, visibilitySeconds);
        if (r == null) {
          blocked.add(group);
        } else {
          out.add(r);
        }
      }
    }
    return out;
  }

  /** Takes one visible message for this receive; null when it is gone, expired, moved or taken. */
  private Received claim(Queue q, byte[] indexKey, long sequence, long now, int visibilitySeconds) {
    byte[] key = SqsKeys.message(q.id(), sequence);
    Entry e = storage.get(key);
    if (e == null) {
      return null;
    }
    StoredMessage m = MessageCodec.decode(e.value());
    if (m.visibleAt() != SqsKeys.visibleAtOf(indexKey)) {
      return null;
    }
    if (expired(q, m.sentMillis(), now)) {
      commitQuietly(new Batch().expectVersion(key, e.version()).delete(key).delete(indexKey));
      return null;
    }
    RedrivePolicy redrive = q.redrivePolicy();
    if (redrive != null && m.receiveCount() >= redrive.maxReceiveCount()
        && moveToDeadLetters(q, m, e, indexKey, redrive, now)) {
      return null;
    }
    long token = token();
    StoredMessage got = m.received(now, now + visibilitySeconds * 1000L, token);
    Batch batch = new Batch().expectVersion(key, e.version()).put(key, MessageCodec.encode(got));
    reindex(batch, indexKey, SqsKeys.visibility(q.id(), got.visibleAt(), sequence), got);
    try {
      storage.commit(batch);
    } catch (VersionConflictException taken) {
      return null;
    }
    return new Received(got, ReceiptHandles.encode(q.id(), sequence, token));
  }

  /**
   * Moves a message received maxReceiveCount times to the dead-letter queue, keeping its id,
   * body, attributes, sent time and receive count, and naming the source queue in
   * DeadLetterQueueSourceArn. A missing dead-letter queue leaves the message where it is.
   */
  private boolean moveToDeadLetters(Queue q, StoredMessage m, Entry e, byte[] indexKey,
      RedrivePolicy redrive, long now) {
    Queue target = queues.find(QueueRef.fromArn(redrive.deadLetterTargetArn()));
    if (target == null || target.id() == q.id()) {
      return false;
    }
    long sequence = nextSequence(target.id());
    StoredMessage moved = m.movedTo(sequence, now, q.arn());
    byte[] movedKey = SqsKeys.message(target.id(), sequence);
    Batch batch = new Batch().expectVersion(e.key(), e.version()).delete(e.key()).delete(indexKey)
        .expectVersion(movedKey, Storage.ABSENT).put(movedKey, MessageCodec.encode(moved))
        .put(SqsKeys.visibility(target.id(), now, sequence), IndexEntry.of(moved).encode());
    if (commitQuietly(batch)) {
      arrivals.receivable(target.ref());
    }
    return true;
  }

  /**
   * DeleteMessage. SQS deletes the message only for the handle of its latest receive; an older
   * handle succeeds and deletes nothing, and so does the handle of a message already gone
   * (API Reference, DeleteMessage). A FIFO queue refuses a handle whose visibility has ended.
   */
  public void delete(Queue q, String receiptHandle) {
    ReceiptHandles.Handle h = handle(receiptHandle);
    if (h.queueId() != q.id()) {
      return;
    }
    byte[] key = SqsKeys.message(q.id(), h.sequence());
    while (true) {
      Entry e = storage.get(key);
      StoredMessage m = e == null ? null : MessageCodec.decode(e.value());
      if (m == null || m.receipt() != h.token()) {
        return;
      }
      if (q.fifo() && m.visibleAt() <= clock.millis()) {
        throw SqsError.invalidParameter(receiptHandle, "ReceiptHandle", "The receipt handle has expired.");
      }
      Batch batch = new Batch().expectVersion(key, e.version()).delete(key)
          .delete(SqsKeys.visibility(q.id(), m.visibleAt(), h.sequence()));
      if (commitQuietly(batch)) {
        if (q.fifo()) {
          // The group's next message may be received now.
          arrivals.receivable(q.ref());
        }
        return;
      }
    }
  }

  /**
   * ChangeMessageVisibility: hides the message for {@code seconds} from now, for the handle of
   * its latest receive; at most 12 hours counted from that receive, as SQS limits it.
   */
  public void changeVisibility(Queue q, String receiptHandle, int seconds) {
    ReceiptHandles.Handle h = handle(receiptHandle);
    byte[] key = SqsKeys.message(q.id(), h.sequence());
    while (true) {
      Entry e = h.queueId() == q.id() ? storage.get(key) : null;
      StoredMessage m = e == null ? null : MessageCodec.decode(e.value());
      if (m == null || m.receipt() != h.token()) {
        throw SqsError.invalidParameter(receiptHandle, "ReceiptHandle",
            "Message does not exist or is not available for visibility timeout change.");
      }
      long now = clock.millis();
      if (q.fifo() && m.visibleAt() <= now) {
        throw SqsError.invalidParameter(receiptHandle, "ReceiptHandle", "The receipt handle has expired.");
      }
      if (seconds < 0 || (now - m.lastReceivedMillis()) / 1000 + seconds > MAX_VISIBILITY_SECONDS) {
        throw SqsError.invalidParameter(seconds, "VisibilityTimeout",
            "Total VisibilityTimeout for the message is beyond the limit [43200 seconds].");
      }
      StoredMessage changed = m.visibleFrom(now + seconds * 1000L);
      Batch batch = new Batch().expectVersion(key, e.version()).put(key, MessageCodec.encode(changed));
      reindex(batch, SqsKeys.visibility(q.id(), m.visibleAt(), h.sequence()),
          SqsKeys.visibility(q.id(), changed.visibleAt(), h.sequence()), changed);
      if (commitQuietly(batch)) {
        if (seconds == 0) {
          arrivals.receivable(q.ref());
        }
        return;
      }
    }
  }

  /** The queue's messages by state, leaving out those past its retention. */
  public Counts counts(Queue q) {
    long now = clock.millis();
    int visible = 0;
    int inFlight = 0;
    int delayed = 0;
    byte[] prefix = SqsKeys.visibility(q.id());
    for (Entry e : storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)) {
      IndexEntry index = IndexEntry.decode(e.value());
      if (expired(q, index.sentMillis(), now)) {
        continue;
      }
      if (SqsKeys.visibleAtOf(e.key()) <= now) {
        visible++;
      } else if (index.received()) {
        inFlight++;
      } else {
        delayed++;
      }
    }
    return new Counts(visible, inFlight, delayed);
  }

  /** When the next hidden message of the queue becomes visible, or -1 when none is hidden. */
  public long nextVisibleAt(Queue q) {
    byte[] prefix = SqsKeys.visibility(q.id());
    List<Entry> next = storage.range(SqsKeys.visibleAfter(q.id(), clock.millis()), Keys.prefixEnd(prefix), false, 1);
    return next.isEmpty() ? -1 : SqsKeys.visibleAtOf(next.get(0).key());
  }

  /**
   * Deletes the messages of the queue older than its retention period (send order is key order,
   * so the sweep stops at the first younger one) and FIFO deduplication records past their five
   * minutes. Reads already hide expired messages; this frees their space.
   */
  public int deleteExpired(Queue q) {
    long now = clock.millis();
    int deleted = 0;
    byte[] prefix = SqsKeys.messages(q.id());
    byte[] from = prefix;
    while (true) {
      List<Entry> page = storage.range(from, Keys.prefixEnd(prefix), false, DROP_CHUNK);
      for (Entry e : page) {
        StoredMessage m = MessageCodec.decode(e.value());
        if (!expired(q, m.sentMillis(), now)) {
          return deleted + deduplication.deleteExpired(q, now);
        }
        if (commitQuietly(new Batch().expectVersion(e.key(), e.version()).delete(e.key())
            .delete(SqsKeys.visibility(q.id(), m.visibleAt(), m.sequence())))) {
          deleted++;
        }
      }
      if (page.size() < DROP_CHUNK) {
        return deleted + deduplication.deleteExpired(q, now);
      }
      from = Keys.successor(page.get(page.size() - 1).key());
    }
  }

  /** Deletes everything kept under a queue id that is no longer used (a deleted or purged queue). */
  public void drop(long queueId) {
    sequences.remove(queueId);
    for (byte[] prefix : List.of(SqsKeys.messages(queueId), SqsKeys.visibility(queueId),
        SqsKeys.deduplications(queueId))) {
      while (true) {
        List<Entry> page = storage.range(prefix, Keys.prefixEnd(prefix), false, DROP_CHUNK);
        if (page.isEmpty()) {
          break;
        }
        Batch batch = new Batch();
        page.forEach(e -> batch.delete(e.key()));
        storage.commit(batch);
      }
    }
  }

  private static boolean expired(Queue q, long sentMillis, long now) {
    return now - sentMillis >= q.retentionSeconds() * 1000L;
  }

  /** Moves a message's index entry, or rewrites it in place when its moment did not change. */
  private static void reindex(Batch batch, byte[] oldKey, byte[] newKey, StoredMessage m) {
    if (!Arrays.equals(oldKey, newKey)) {
      batch.delete(oldKey);
    }
    batch.put(newKey, IndexEntry.of(m).encode());
  }

  private ReceiptHandles.Handle handle(String receiptHandle) {
    ReceiptHandles.Handle h = receiptHandle == null ? null : ReceiptHandles.decode(receiptHandle);
    if (h == null) {
      throw new AwsException(SqsError.RECEIPT_HANDLE_IS_INVALID,
          "The input receipt handle \"" + receiptHandle + "\" is not a valid receipt handle.");
    }
    return h;
  }

  private boolean commitQuietly(Batch batch) {
    try {
      storage.commit(batch);
      return true;
    } catch (VersionConflictException changed) {
      return false;
    }
  }

  private long token() {
    long t;
    do {
      t = random.nextLong();
    } while (t == 0);
    return t;
  }

  private long nextSequence(long queueId) {
    return sequences.computeIfAbsent(queueId, id -> {
      byte[] prefix = SqsKeys.messages(id);
      List<Entry> last = storage.range(prefix, Keys.prefixEnd(prefix), true, 1);
      return new AtomicLong(last.isEmpty() ? 0 : SqsKeys.sequenceOfMessage(last.get(0).key()));
    }).incrementAndGet();
  }
}
