package dev.streambed.sqs.queue;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.sqs.SqsError;
import dev.streambed.sqs.SqsKeys;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import dev.streambed.storage.VersionConflictException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Queues: create, find, list, change attributes and tags, purge and delete, as SQS does. */
public final class Queues {
  /** How long a deleted queue's name stays taken (CreateQueue: "wait at least 60 seconds"). */
  static final long NAME_REUSE_MILLIS = 60_000;

  private final Storage storage;
  private final Clock clock;
  private final SecureRandom ids = new SecureRandom();

  public Queues(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /**
   * Creates the queue, or returns the existing one when every attribute asked for has the value
   * it already has; any other value is QueueAlreadyExists, naming the attribute (an existing
   * queue is compared only on the attributes the request names, as SQS compares).
   */
  public Queue create(QueueRef ref, Map<String, String> attributes, Map<String, String> tags) {
    SortedMap<String, String> wanted = QueueAttributes.forNewQueue(ref, attributes);
    checkDeadLetterTarget(wanted, attributes);
    byte[] key = key(ref);
    while (true) {
      Entry e = storage.get(key);
      if (e != null) {
        Queue existing = QueueCodec.decode(ref, e.value());
        if (existing != null) {
          for (String name : attributes.keySet()) {
            if (!java.util.Objects.equals(wanted.get(name), existing.attributes().get(name))) {
              throw new AwsException(SqsError.QUEUE_NAME_EXISTS,
                  "A queue already exists with the same name and a different value for attribute " + name);
            }
          }
          return existing;
        }
        if (clock.millis() - QueueCodec.deletedMillis(e.value()) < NAME_REUSE_MILLIS) {
          throw new AwsException(SqsError.QUEUE_DELETED_RECENTLY, "You must wait 60 seconds after "
              + "deleting a queue before you can create another with the same name.");
        }
      }
      long now = clock.millis();
      Queue queue = new Queue(ref, ids.nextLong(), wanted, now, now, new TreeMap<>(tags), 0);
      try {
        storage.commit(new Batch().expectVersion(key, e == null ? Storage.ABSENT : e.version())
            .put(key, QueueCodec.encode(queue)));
        return queue;
      } catch (VersionConflictException raced) {
        // Created or deleted meanwhile: look again.
      }
    }
  }

  /** The queue, or null. */
  public Queue find(QueueRef ref) {
    Entry e = storage.get(key(ref));
    return e == null ? null : QueueCodec.decode(ref, e.value());
  }

  /** The queue, or QueueDoesNotExist. */
  public Queue require(QueueRef ref) {
    Queue q = ref == null ? null : find(ref);
    if (q == null) {
      throw SqsError.queueDoesNotExist();
    }
    return q;
  }

  /** Queues of an account and region in name order, whose names start with {@code prefix}, after {@code after}. */
  public List<Queue> list(String account, String region, String prefix, String after, int limit) {
    byte[] all = SqsKeys.queuesPrefix(account, region);
    byte[] from = prefix == null ? all : Keys.concat(all, prefix.getBytes(StandardCharsets.UTF_8));
    byte[] to = Keys.prefixEnd(from);
    if (after != null) {
      byte[] afterKey = Keys.successor(Keys.concat(all, after.getBytes(StandardCharsets.UTF_8)));
      if (java.util.Arrays.compareUnsigned(afterKey, from) > 0) {
        from = afterKey;
      }
    }
    List<Queue> out = new ArrayList<>();
    for (Entry e : storage.range(from, to, false, Integer.MAX_VALUE)) {
      String[] parts = SqsKeys.queueKeyParts(e.key());
      Queue q = QueueCodec.decode(new QueueRef(parts[0], parts[1], parts[2]), e.value());
      if (q != null) {
        out.add(q);
        if (out.size() == limit) {
          break;
        }
      }
    }
    return out;
  }

  /** Every live queue of every account and region (for sweeps). */
  public List<Queue> all() {
    byte[] prefix = SqsKeys.allQueues();
    List<Queue> out = new ArrayList<>();
    for (Entry e : storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)) {
      String[] parts = SqsKeys.queueKeyParts(e.key());
      Queue q = QueueCodec.decode(new QueueRef(parts[0], parts[1], parts[2]), e.value());
      if (q != null) {
        out.add(q);
      }
    }
    return out;
  }

  /** SetQueueAttributes: checks and merges the attributes. */
  public Queue setAttributes(QueueRef ref, Map<String, String> attributes) {
    return update(ref, q -> {
      SortedMap<String, String> changed = QueueAttributes.updated(q, attributes);
      checkDeadLetterTarget(changed, attributes);
      return q.with(q.id(), changed, clock.millis(), q.tags(), q.purgedMillis());
    });
  }

  /** A RedrivePolicy being set must name a queue that exists, as SQS requires. */
  private void checkDeadLetterTarget(SortedMap<String, String> result, Map<String, String> requested) {
    String policy = requested.get(QueueAttributes.REDRIVE_POLICY);
    if (policy == null || policy.isEmpty()) {
      return;
    }
    String target = RedrivePolicy.parse(result.get(QueueAttributes.REDRIVE_POLICY)).deadLetterTargetArn();
    if (find(QueueRef.fromArn(target)) == null) {
      throw SqsError.invalidParameter(policy, QueueAttributes.REDRIVE_POLICY,
          "Dead letter target does not exist.");
    }
  }

  public Queue tag(QueueRef ref, Map<String, String> tags) {
    return update(ref, q -> {
      SortedMap<String, String> t = new TreeMap<>(q.tags());
      t.putAll(tags);
      return q.with(q.id(), q.attributes(), q.modifiedMillis(), t, q.purgedMillis());
    });
  }

  public Queue untag(QueueRef ref, List<String> keys) {
    return update(ref, q -> {
      SortedMap<String, String> t = new TreeMap<>(q.tags());
      keys.forEach(t::remove);
      return q.with(q.id(), q.attributes(), q.modifiedMillis(), t, q.purgedMillis());
    });
  }

  /**
   * Gives the queue a new message id, so that every message sent before is gone at once, and
   * returns the queue as it was. SQS allows one purge a minute
   * (PurgeQueueInProgress: "Only one PurgeQueue operation on NAME is allowed every 60 seconds.").
   */
  public Queue purge(QueueRef ref) {
    Queue[] before = new Queue[1];
    update(ref, q -> {
      long now = clock.millis();
      if (q.purgedMillis() > 0 && now - q.purgedMillis() < 60_000) {
        throw new AwsException(SqsError.PURGE_QUEUE_IN_PROGRESS,
            "Only one PurgeQueue operation on " + q.ref().name() + " is allowed every 60 seconds.");
      }
      before[0] = q;
      return q.with(ids.nextLong(), q.attributes(), q.modifiedMillis(), q.tags(), now);
    });
    return before[0];
  }

  /** Deletes the queue and returns it; its name stays taken for a minute, as on AWS. */
  public Queue delete(QueueRef ref) {
    byte[] key = key(ref);
    while (true) {
      Entry e = storage.get(key);
      Queue q = e == null ? null : QueueCodec.decode(ref, e.value());
      if (q == null) {
        throw SqsError.queueDoesNotExist();
      }
      try {
        storage.commit(new Batch().expectVersion(key, e.version())
            .put(key, QueueCodec.tombstone(clock.millis())));
        return q;
      } catch (VersionConflictException raced) {
        // Changed meanwhile: look again.
      }
    }
  }

  private Queue update(QueueRef ref, UnaryOperator<Queue> change) {
    byte[] key = key(ref);
    while (true) {
      Entry e = storage.get(key);
      Queue q = e == null ? null : QueueCodec.decode(ref, e.value());
      if (q == null) {
        throw SqsError.queueDoesNotExist();
      }
      Queue changed = change.apply(q);
      try {
        storage.commit(new Batch().expectVersion(key, e.version()).put(key, QueueCodec.encode(changed)));
        return changed;
      } catch (VersionConflictException raced) {
        // Changed meanwhile: apply the change to what is there now.
      }
    }
  }

  private static byte[] key(QueueRef ref) {
    return SqsKeys.queue(ref.account(), ref.region(), ref.name());
  }
}
