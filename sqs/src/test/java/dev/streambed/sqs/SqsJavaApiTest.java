package dev.streambed.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.time.MutableClock;
import dev.streambed.sqs.message.MessageAttribute;
import dev.streambed.sqs.message.Messages;
import dev.streambed.sqs.queue.Queue;
import dev.streambed.sqs.queue.QueueRef;
import dev.streambed.storage.memory.MemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java API other services call: send by queue ARN, receive, and time read from the clock. */
@Timeout(30)
class SqsJavaApiTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final Sqs sqs = new Sqs(new MemoryStorage(), clock);
  private final QueueRef destination = new QueueRef("000000000000", "us-east-1", "on-failure");

  @AfterEach
  void close() {
    sqs.close();
  }

  private Queue create(QueueRef ref, Map<String, String> attributes) {
    return sqs.queues().create(ref, attributes, Map.of());
  }

  @Test
  void sendByArnAndReceive() {
    Queue q = create(destination, Map.of());
    assertThat(q.arn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:on-failure");
    Messages.Sent sent = sqs.send(q.arn(), "{\"requestContext\":{}}",
        Map.of("ErrorCode", MessageAttribute.number("200")));
    assertThat(sent.messageId()).matches("[0-9a-f-]{36}");
    assertThat(sent.md5OfBody()).hasSize(32);

    List<Messages.Received> got = sqs.receive(q.arn(), 10);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).message().messageId()).isEqualTo(sent.messageId());
    assertThat(got.get(0).message().body()).isEqualTo("{\"requestContext\":{}}");
    assertThat(got.get(0).message().attributes().get("ErrorCode").stringValue()).isEqualTo("200");
    assertThat(got.get(0).message().receiveCount()).isEqualTo(1);
    // Hidden for the queue's 30 seconds of visibility.
    assertThat(sqs.receive(q.arn(), 10)).isEmpty();
  }

  @Test
  void sendToAMissingQueueIsQueueDoesNotExist() {
    assertThatThrownBy(() -> sqs.send("arn:aws:sqs:us-east-1:000000000000:nope", "x"))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST);
          assertThat(e.getMessage()).isEqualTo("The specified queue does not exist.");
        });
    assertThatThrownBy(() -> sqs.send("not an arn", "x")).isInstanceOf(AwsException.class);
    assertThat(sqs.findQueue("arn:aws:sqs:us-east-1:000000000000:nope")).isNull();
  }

  @Test
  void sendChecksTheMessageAsSendMessageDoes() {
    Queue q = create(destination, Map.of("MaximumMessageSize", "1024"));
    assertThatThrownBy(() -> sqs.send(q.arn(), "a".repeat(1025)))
        .hasMessage("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.");
    assertThatThrownBy(() -> sqs.send(q.arn(), ""))
        .hasMessage("The request must contain the parameter MessageBody.");
  }

  @Test
  void visibilityTimeoutEndsByTheClock() {
    Queue q = create(destination, Map.of("VisibilityTimeout", "60"));
    sqs.send(q.arn(), "one");
    assertThat(sqs.receive(q.arn(), 1)).hasSize(1);
    clock.advance(Duration.ofSeconds(59));
    assertThat(sqs.receive(q.arn(), 1)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    List<Messages.Received> again = sqs.receive(q.arn(), 1);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).message().receiveCount()).isEqualTo(2);
  }

  @Test
  void delayedMessagesAppearWhenTheirDelayHasPassed() {
    Queue q = create(destination, Map.of("DelaySeconds", "10"));
    sqs.send(q.arn(), "later");
    assertThat(sqs.messages().counts(q)).isEqualTo(new Messages.Counts(0, 0, 1));
    assertThat(sqs.receive(q.arn(), 1)).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(sqs.messages().counts(q)).isEqualTo(new Messages.Counts(1, 0, 0));
    assertThat(sqs.receive(q.arn(), 1)).hasSize(1);
    assertThat(sqs.messages().counts(sqs.requireQueue(q.arn()))).isEqualTo(new Messages.Counts(0, 1, 0));
  }

  @Test
  void messagesPastRetentionAreGone() {
    Queue q = create(destination, Map.of("MessageRetentionPeriod", "60"));
    sqs.send(q.arn(), "old");
    clock.advance(Duration.ofSeconds(30));
    sqs.send(q.arn(), "young");
    clock.advance(Duration.ofSeconds(30));
    assertThat(sqs.messages().counts(q).visible()).isEqualTo(1);
    assertThat(sqs.deleteExpiredMessages()).isEqualTo(1);
    assertThat(sqs.receive(q.arn(), 10)).extracting(r -> r.message().body()).containsExactly("young");
  }

  @Test
  void aLongPollIsWokenBySendAndEndsByTheClock() throws Exception {
    create(destination, Map.of());
    CompletableFuture<List<Messages.Received>> waiting = sqs.receive(destination, 1, null, 20);
    assertThat(waiting).isNotDone();
    sqs.send(destination.arn(), "wake up");
    assertThat(waiting.get(10, TimeUnit.SECONDS)).extracting(r -> r.message().body()).containsExactly("wake up");
    assertThat(sqs.longPolls().waiting(destination)).isZero();

    CompletableFuture<List<Messages.Received>> empty = sqs.receive(destination, 1, null, 5);
    clock.advance(Duration.ofSeconds(5));
    assertThat(empty.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void aLongPollSeesADelayedMessageWhenItsMomentComes() throws Exception {
    create(destination, Map.of("DelaySeconds", "3"));
    CompletableFuture<List<Messages.Received>> waiting = sqs.receive(destination, 1, null, 20);
    sqs.send(destination.arn(), "delayed");
    clock.advance(Duration.ofSeconds(2));
    assertThat(sqs.longPolls().waiting(destination)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(waiting.get(10, TimeUnit.SECONDS)).extracting(r -> r.message().body()).containsExactly("delayed");
  }

  @Test
  void messagesReceivedTooOftenMoveToTheDeadLetterQueue() {
    Queue dlq = create(new QueueRef("000000000000", "us-east-1", "dead"), Map.of());
    Queue source = create(destination, Map.of("VisibilityTimeout", "1", "RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + dlq.arn() + "\",\"maxReceiveCount\":\"2\"}"));
    sqs.send(source.arn(), "poison");
    assertThat(sqs.receive(source.arn(), 1)).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(sqs.receive(source.arn(), 1)).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(sqs.receive(source.arn(), 1)).isEmpty();
    List<Messages.Received> dead = sqs.receive(dlq.arn(), 1);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).message().body()).isEqualTo("poison");
    assertThat(dead.get(0).message().receiveCount()).isEqualTo(3);
    assertThat(dead.get(0).message().deadLetterSourceArn()).isEqualTo(source.arn());
  }

  @Test
  void purgeDropsEverythingSentBefore() {
    Queue q = create(destination, Map.of());
    sqs.send(q.arn(), "a");
    sqs.send(q.arn(), "b");
    sqs.purgeQueue(destination);
    assertThat(sqs.receive(q.arn(), 10)).isEmpty();
    sqs.send(q.arn(), "c");
    assertThat(sqs.receive(q.arn(), 10)).extracting(r -> r.message().body()).containsExactly("c");
  }
}
