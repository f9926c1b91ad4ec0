package dev.streambed.sqs;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.sqs.message.MessageAttribute;
import dev.streambed.sqs.message.Messages;
import dev.streambed.sqs.message.OutgoingMessage;
import dev.streambed.sqs.queue.Queue;
import dev.streambed.sqs.queue.QueueRef;
import dev.streambed.sqs.queue.Queues;
import dev.streambed.storage.Storage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Amazon SQS: the services behind the HTTP API, and the Java API other services call without
 * HTTP (an event source mapping sending its on-failure records to a queue).
 */
public final class Sqs implements AutoCloseable {
  private final Clock clock;
  private final Queues queues;
  private final LongPolls longPolls;
  private final Messages messages;

  public Sqs(Storage storage, Clock clock) {
    this.clock = clock;
    this.queues = new Queues(storage, clock);
    this.longPolls = new LongPolls(clock);
    this.messages = new Messages(storage, clock, queues, longPolls::wake);
  }

  public Clock clock() {
    return clock;
  }

  public Queues queues() {
    return queues;
  }

  public Messages messages() {
    return messages;
  }

  public LongPolls longPolls() {
    return longPolls;
  }

  /** The queue an ARN names, or null when there is none (or the ARN is not a queue's). */
  public Queue findQueue(String queueArn) {
    QueueRef ref = QueueRef.fromArn(queueArn);
    return ref == null ? null : queues.find(ref);
  }

  /** The queue an ARN names, or QueueDoesNotExist as SQS answers it. */
  public Queue requireQueue(String queueArn) {
    return queues.require(QueueRef.fromArn(queueArn));
  }

  /** Sends a message to the queue of {@code queueArn}; QueueDoesNotExist when there is none. */
  public Messages.Sent send(String queueArn, String body) {
    return send(queueArn, body, Map.of());
  }

  /** Sends a message with message attributes, checked as SendMessage checks them. */
  public Messages.Sent send(String queueArn, String body, Map<String, MessageAttribute> attributes) {
    return send(queueArn, body, attributes, Map.of());
  }

  /** Sends a message with message attributes and system attributes (AWSTraceHeader). */
  public Messages.Sent send(String queueArn, String body, Map<String, MessageAttribute> attributes,
      Map<String, MessageAttribute> systemAttributes) {
    Queue q = requireQueue(queueArn);
    return messages.send(q, new OutgoingMessage(body, attributes, systemAttributes, null, null, null,
        q.ref().account()), false);
  }

  /**
   * Receives up to {@code max} messages, waiting up to {@code waitSeconds} for the first; the
   * future completes with what was received, empty when the wait ended with none.
   */
  public CompletableFuture<List<Messages.Received>> receive(QueueRef ref, int max,
      Integer visibilitySeconds, int waitSeconds) {
    Queue q = queues.require(ref);
    int visibility = visibilitySeconds == null ? q.visibilityTimeout() : visibilitySeconds;
    if (waitSeconds == 0) {
      return CompletableFuture.completedFuture(messages.receive(q, max, visibility));
    }
    long deadline = clock.millis() + waitSeconds * 1000L;
    return longPolls.await(ref, deadline, new LongPolls.Poll() {
      @Override
      public List<Messages.Received> receive() {
        // Read again each time: a purge gives the queue a new id.
        return messages.receive(queues.require(ref), max, visibility);
      }

      @Override
      public long nextVisibleAt() {
        return messages.nextVisibleAt(queues.require(ref));
      }
    });
  }

  /** Receives up to {@code max} visible messages of the queue of {@code queueArn}, without waiting. */
  public List<Messages.Received> receive(String queueArn, int max) {
    Queue q = requireQueue(queueArn);
    return messages.receive(q, max, q.visibilityTimeout());
  }

  /** DeleteQueue: the queue and its messages. */
  public void deleteQueue(QueueRef ref) {
    Queue q = queues.delete(ref);
    messages.drop(q.id());
    longPolls.wake(ref);
  }

  /** PurgeQueue: every message sent before it is gone. */
  public void purgeQueue(QueueRef ref) {
    Queue before = queues.purge(ref);
    messages.drop(before.id());
  }

  /** Deletes messages past their queue's retention in every queue, for an owner that runs it now and then. */
  public int deleteExpiredMessages() {
    int deleted = 0;
    for (Queue q : queues.all()) {
      try {
        deleted += messages.deleteExpired(q);
      } catch (AwsException gone) {
        // Deleted meanwhile.
      }
    }
    return deleted;
  }

  @Override
  public void close() {
    longPolls.close();
  }
}
