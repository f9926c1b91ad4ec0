package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streambed.kernel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** FIFO queues through the SDK: order within message groups, deduplication, and their rules. */
class SqsFifoTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private static Streambed streambed;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    streambed = Streambed.start(CLOCK);
    sqs = streambed.sqs();
  }

  @AfterAll
  static void stop() {
    sqs.close();
    streambed.close();
  }

  private static String fifo(String name, boolean contentBased) {
    return sqs.createQueue(b -> b.queueName(name + ".fifo").attributesWithStrings(Map.of("FifoQueue", "true",
        "ContentBasedDeduplication", Boolean.toString(contentBased), "VisibilityTimeout", "30"))).queueUrl();
  }

  private static SendMessageResponse send(String url, String group, String body) {
    return sqs.sendMessage(b -> b.queueUrl(url).messageGroupId(group).messageBody(body)
        .messageDeduplicationId(body));
  }

  private static List<Message> receive(String url) {
    return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
        .messageSystemAttributeNamesWithStrings("All")).messages();
  }

  @Test
  void aGroupGivesItsMessagesInOrderAndOneBatchAtATime() {
    String url = fifo("ordered", false);
    send(url, "a", "a1");
    send(url, "b", "b1");
    send(url, "a", "a2");
    send(url, "a", "a3");
    List<Message> first = receive(url);
    assertThat(first).extracting(Message::body).containsExactly("a1", "b1", "a2", "a3");
    send(url, "a", "a4");
    // Group a has messages in flight: nothing more of it until they are done.
    assertThat(receive(url)).isEmpty();
    for (Message m : first) {
      sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
    }
    assertThat(receive(url)).extracting(Message::body).containsExactly("a4");
  }

  @Test
  void aMessageThatReturnsComesBackFirstInItsGroup() {
    String url = fifo("returning", false);
    send(url, "g", "one");
    Message one = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
    send(url, "g", "two");
    CLOCK.advance(Duration.ofSeconds(30));
    List<Message> again = receive(url);
    assertThat(again).extracting(Message::body).containsExactly("one", "two");
    assertThat(again.get(0).messageId()).isEqualTo(one.messageId());
    assertThat(again.get(0).attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
  }

  @Test
  void duplicatesWithinFiveMinutesAreAcceptedOnce() {
    String url = fifo("deduplicated", false);
    SendMessageResponse first = sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("x")
        .messageDeduplicationId("same"));
    SendMessageResponse again = sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("y")
        .messageDeduplicationId("same"));
    assertThat(again.messageId()).isEqualTo(first.messageId());
    assertThat(first.sequenceNumber()).matches("\\d{20}");
    List<Message> got = receive(url);
    assertThat(got).extracting(Message::body).containsExactly("x");
    assertThat(got.get(0).attributesAsStrings()).containsEntry("MessageGroupId", "g")
        .containsEntry("MessageDeduplicationId", "same").containsEntry("SequenceNumber", first.sequenceNumber());
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(got.get(0).receiptHandle()));

    CLOCK.advance(Duration.ofMinutes(5));
    SendMessageResponse later = sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("z")
        .messageDeduplicationId("same"));
    assertThat(later.messageId()).isNotEqualTo(first.messageId());
    assertThat(later.sequenceNumber()).isGreaterThan(first.sequenceNumber());
    assertThat(receive(url)).extracting(Message::body).containsExactly("z");
  }

  @Test
  void contentBasedDeduplicationDigestsTheBody() {
    String url = fifo("by-content", true);
    String id = sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("same body")).messageId();
    assertThat(sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("same body")).messageId())
        .isEqualTo(id);
    sqs.sendMessage(b -> b.queueUrl(url).messageGroupId("g").messageBody("other body"));
    assertThat(receive(url)).extracting(Message::body).containsExactly("same body", "other body");
  }

  @Test
  void fifoRulesAreAwsRules() {
    String url = fifo("rules", false);
    SqsException noGroup = assertThrows(SqsException.class,
        () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageDeduplicationId("d")));
    assertThat(noGroup.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
    assertThat(noGroup.awsErrorDetails().errorMessage()).isEqualTo("The request must contain the parameter MessageGroupId.");

    SqsException noDedup = assertThrows(SqsException.class,
        () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageGroupId("g")));
    assertThat(noDedup.awsErrorDetails().errorMessage()).isEqualTo(
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");

    SqsException delay = assertThrows(SqsException.class, () -> sqs.sendMessage(b -> b.queueUrl(url)
        .messageBody("x").messageGroupId("g").messageDeduplicationId("d").delaySeconds(2)));
    assertThat(delay.awsErrorDetails().errorMessage()).isEqualTo("Value 2 for parameter DelaySeconds is invalid. "
        + "Reason: The request include parameter that is not valid for this queue type.");

    SqsException badGroup = assertThrows(SqsException.class, () -> sqs.sendMessage(b -> b.queueUrl(url)
        .messageBody("x").messageGroupId("group 123").messageDeduplicationId("d")));
    assertThat(badGroup.awsErrorDetails().errorMessage()).isEqualTo("Value group 123 for parameter MessageGroupId "
        + "is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.");

    SqsException batch = assertThrows(SqsException.class, () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
        SendMessageBatchRequestEntry.builder().id("a").messageBody("x").messageGroupId("g").messageDeduplicationId("1").build(),
        SendMessageBatchRequestEntry.builder().id("b").messageBody("y").messageDeduplicationId("2").build())));
    assertThat(batch.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(batch.awsErrorDetails().errorMessage()).isEqualTo("The request must contain the parameter MessageGroupId.");
    assertThat(receive(url)).isEmpty();
  }

  @Test
  void aReceiptWhoseVisibilityEndedNoLongerDeletes() {
    String url = fifo("expiring", false);
    send(url, "g", "m");
    Message m = receive(url).get(0);
    CLOCK.advance(Duration.ofSeconds(30));
    SqsException expired = assertThrows(SqsException.class,
        () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
    assertThat(expired.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(expired.awsErrorDetails().errorMessage()).isEqualTo("Value " + m.receiptHandle()
        + " for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");
    assertThat(receive(url)).extracting(Message::body).containsExactly("m");
  }
}
