package dev.streambed.lambda;

import static dev.streambed.lambda.FunctionStore.encode;
import static dev.streambed.lambda.FunctionStore.read;

import dev.streambed.storage.Batch;
import dev.streambed.storage.Entry;
import dev.streambed.storage.Keys;
import dev.streambed.storage.Storage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lambda's asynchronous queue as stored: every Event invocation accepted and not yet finished,
 * so that a restart over the same store carries on with each as it stood. Lambda keeps the
 * events it accepted (Invoke answers 202 only once the event is queued), so an event is stored
 * before Invoke answers, rewritten when it waits for a retry, and deleted when it is finished.
 *
 * <p>Storage keys: {@code 0x47 queuedAt(8 bytes) requestId}, so a restart finds them in the
 * order they were accepted; the value is a {@link Queued} as JSON.
 */
final class QueuedEvents {
  private static final byte QUEUED = 0x47;

  private final Storage storage;

  QueuedEvents(Storage storage) {
    this.storage = storage;
  }

  /**
   * An event and where it stands.
   *
   * @param attempts how often the function ran for it
   * @param dueAtMillis when the clock lets the next attempt run (its retry delay)
   * @param last what the function answered its last attempt, or null when it has not run
   * @param sends what is left to send once the event is finished (its destination record, its
   *     dead letter), or null while it still waits for an attempt
   */
  record Queued(AsyncEvent event, int attempts, long dueAtMillis, Answer last, List<Send> sends) {
    /** A new event, due at once. */
    static Queued accepted(AsyncEvent e) {
      return new Queued(e, 0, e.queuedAt(), null, null);
    }

    Queued retriedAt(int made, long atMillis, Answer answer) {
      return new Queued(event, made, atMillis, answer, null);
    }

    Queued finished(List<Send> toSend) {
      return new Queued(event, attempts, dueAtMillis, last, List.copyOf(toSend));
    }
  }

  /** A function's answer to an attempt: its payload and whether it was an error. */
  record Answer(byte[] payload, boolean functionError) {}

  /**
   * One message a finished event leaves: its invocation record for a destination, or its event
   * for the dead-letter queue (with the attributes saying what went wrong).
   *
   * @param target a queue's or a function's ARN
   */
  record Send(String target, String body, Map<String, Deliveries.Attribute> attributes) {}

  void put(Queued q) {
    storage.commit(new Batch().put(key(q.event()), encode(q)));
  }

  void delete(Queued q) {
    storage.commit(new Batch().delete(key(q.event())));
  }

  /** Every stored event, oldest first. */
  List<Queued> all() {
    byte[] prefix = {QUEUED};
    List<Queued> out = new ArrayList<>();
    for (Entry e : storage.range(prefix, Keys.prefixEnd(prefix), false, Integer.MAX_VALUE)) {
      out.add(read(e.value(), Queued.class));
    }
    return out;
  }

  private static byte[] key(AsyncEvent e) {
    byte[] id = e.requestId().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 8 + id.length).put(QUEUED).putLong(e.queuedAt()).put(id).array();
  }
}
