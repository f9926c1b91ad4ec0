package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streambed.kernel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidMessageContentsException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Sending, receiving, deleting and hiding messages through the AWS SDK for Java v2, whose
 * checksum interceptor verifies every MD5 Streambed returns. Time moves on the server's clock.
 */
class SqsMessagesTest {
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

  private static String queue(String name, Map<String, String> attributes) {
    return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
  }

  private static List<Message> receive(String url, int max) {
    return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max)
        .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
  }

  private static String count(String url, String attribute) {
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(attribute))
        .attributesAsStrings().get(attribute);
  }

  private static void assertCode(SqsException e, String code, String message) {
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  @Test
  void sendAndReceiveWithAttributesAndTheirDigests() {
    String url = queue("attributes", Map.of("VisibilityTimeout", "0"));
    SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(url).messageBody("msg").messageAttributes(Map.of(
        "Help.Me", MessageAttributeValue.builder().dataType("String").stringValue("Me").build(),
        "Hello", MessageAttributeValue.builder().dataType("String").stringValue("There").build(),
        "General", MessageAttributeValue.builder().dataType("String").stringValue("Kenobi").build())));
    // AWS's digests for this very message, as recorded.
    assertThat(sent.md5OfMessageBody()).isEqualTo("6e2baaf3b97dbeef01c0043275f9a0e7");
    assertThat(sent.md5OfMessageAttributes()).isEqualTo("4c360f3fdafd970e05fae2f149d997f5");
    assertThat(sent.messageId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    Message plain = sqs.receiveMessage(b -> b.queueUrl(url)).messages().get(0);
    assertThat(plain.body()).isEqualTo("msg");
    assertThat(plain.md5OfBody()).isEqualTo("6e2baaf3b97dbeef01c0043275f9a0e7");
    assertThat(plain.messageId()).isEqualTo(sent.messageId());
    assertThat(plain.hasMessageAttributes()).isFalse();
    assertThat(plain.md5OfMessageAttributes()).isNull();
    assertThat(plain.hasAttributes()).isFalse();

    Message all = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("All")).messages().get(0);
    assertThat(all.messageAttributes()).containsOnlyKeys("Help.Me", "Hello", "General");
    assertThat(all.md5OfMessageAttributes()).isEqualTo("4c360f3fdafd970e05fae2f149d997f5");
    Message some = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("Foo", "Hello")).messages().get(0);
    assertThat(some.messageAttributes()).containsOnlyKeys("Hello");
    assertThat(some.md5OfMessageAttributes()).isEqualTo("a311262e065454b75da111d535b8dacd");
    Message prefixed = sqs.receiveMessage(b -> b.queueUrl(url).messageAttributeNames("Hel.*")).messages().get(0);
    assertThat(prefixed.messageAttributes()).containsOnlyKeys("Hello", "Help.Me");
    assertThat(prefixed.md5OfMessageAttributes()).isEqualTo("83fee93c1bcd8b9a5a923ffacdc636c7");
  }

  @Test
  void numberBinaryAndCustomTypesKeepTheirTypes() {
    String url = queue("typed", Map.of());
    byte[] blob = {0, 1, 2, (byte) 0xff};
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("typed").messageAttributes(Map.of(
        "count", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
        "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(blob)).build(),
        "mail", MessageAttributeValue.builder().dataType("String.email").stringValue("a@example.com").build()))
        .messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
            MessageSystemAttributeValue.builder().dataType("String")
                .stringValue("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1").build())));
    Message m = receive(url, 1).get(0);
    assertThat(m.messageAttributes().get("count").dataType()).isEqualTo("Number");
    assertThat(m.messageAttributes().get("count").stringValue()).isEqualTo("42");
    assertThat(m.messageAttributes().get("blob").binaryValue().asByteArray()).isEqualTo(blob);
    assertThat(m.messageAttributes().get("mail").dataType()).isEqualTo("String.email");
    assertThat(m.attributes()).containsEntry(MessageSystemAttributeName.AWS_TRACE_HEADER,
        "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
  }

  @Test
  void systemAttributesTellWhenAndHowOftenAMessageWasReceived() {
    String url = queue("system", Map.of("VisibilityTimeout", "10"));
    long sentAt = CLOCK.millis();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("counted"));
    Message first = receive(url, 1).get(0);
    assertThat(first.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1")
        .containsEntry("SentTimestamp", Long.toString(sentAt))
        .containsEntry("ApproximateFirstReceiveTimestamp", Long.toString(sentAt))
        .containsEntry("SenderId", "AKIDTEST").hasSize(4);
    CLOCK.advance(Duration.ofSeconds(10));
    Message second = sqs.receiveMessage(b -> b.queueUrl(url).attributeNamesWithStrings("ApproximateReceiveCount"))
        .messages().get(0);
    assertThat(second.attributesAsStrings()).containsOnly(Map.entry("ApproximateReceiveCount", "2"));
    assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
  }

  @Test
  void aReceivedMessageIsHiddenForTheVisibilityTimeout() {
    String url = queue("hidden", Map.of("VisibilityTimeout", "30"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("once"));
    assertThat(receive(url, 10)).hasSize(1);
    assertThat(count(url, "ApproximateNumberOfMessagesNotVisible")).isEqualTo("1");
    assertThat(receive(url, 10)).isEmpty();
    CLOCK.advance(Duration.ofSeconds(29));
    assertThat(receive(url, 10)).isEmpty();
    CLOCK.advance(Duration.ofSeconds(1));
    assertThat(count(url, "ApproximateNumberOfMessages")).isEqualTo("1");
    Message again = sqs.receiveMessage(b -> b.queueUrl(url).visibilityTimeout(5)).messages().get(0);
    assertThat(again.body()).isEqualTo("once");
    CLOCK.advance(Duration.ofSeconds(5));
    assertThat(receive(url, 10)).hasSize(1);
  }

  @Test
  void deleteNeedsTheLatestReceiptHandle() {
    String url = queue("deleted", Map.of("VisibilityTimeout", "1"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("to delete"));
    String old = receive(url, 1).get(0).receiptHandle();
    CLOCK.advance(Duration.ofSeconds(1));
    String latest = receive(url, 1).get(0).receiptHandle();
    // An earlier receipt succeeds and deletes nothing (API Reference, DeleteMessage).
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(old));
    CLOCK.advance(Duration.ofSeconds(1));
    assertThat(count(url, "ApproximateNumberOfMessages")).isEqualTo("1");
    // The latest one deletes, even once its visibility has ended.
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(latest));
    assertThat(receive(url, 10)).isEmpty();
    assertThat(count(url, "ApproximateNumberOfMessages")).isEqualTo("0");
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(latest));

    ReceiptHandleIsInvalidException e = assertThrows(ReceiptHandleIsInvalidException.class,
        () -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle("garbage")));
    assertCode(e, "ReceiptHandleIsInvalid", "The input receipt handle \"garbage\" is not a valid receipt handle.");
    assertThat(e.statusCode()).isEqualTo(404);
  }

  @Test
  void changeMessageVisibilityHidesOrShowsTheMessage() {
    String url = queue("visibility", Map.of("VisibilityTimeout", "600"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("seen"));
    String handle = receive(url, 1).get(0).receiptHandle();
    sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(handle).visibilityTimeout(0));
    Message back = receive(url, 1).get(0);
    assertThat(back.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");

    sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(back.receiptHandle()).visibilityTimeout(60));
    CLOCK.advance(Duration.ofSeconds(59));
    assertThat(receive(url, 1)).isEmpty();
    CLOCK.advance(Duration.ofSeconds(1));
    Message third = receive(url, 1).get(0);

    SqsException stale = assertThrows(SqsException.class, () -> sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(handle).visibilityTimeout(10)));
    assertCode(stale, "InvalidParameterValue", "Value " + handle + " for parameter ReceiptHandle is invalid. "
        + "Reason: Message does not exist or is not available for visibility timeout change.");
    SqsException tooLong = assertThrows(SqsException.class, () -> sqs.changeMessageVisibility(
        b -> b.queueUrl(url).receiptHandle(third.receiptHandle()).visibilityTimeout(43201)));
    assertCode(tooLong, "InvalidParameterValue", "Value 43201 for parameter VisibilityTimeout is invalid. "
        + "Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds].");
    assertThatThrownBy(() -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle("AQEB")
        .visibilityTimeout(1))).isInstanceOf(ReceiptHandleIsInvalidException.class);
  }

  @Test
  void delayedMessagesWaitTheirDelay() {
    String url = queue("delayed", Map.of("DelaySeconds", "5", "VisibilityTimeout", "600"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("queue delay"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("own delay").delaySeconds(60));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("no delay").delaySeconds(0));
    assertThat(count(url, "ApproximateNumberOfMessagesDelayed")).isEqualTo("2");
    assertThat(receive(url, 10)).extracting(Message::body).containsExactly("no delay");
    CLOCK.advance(Duration.ofSeconds(5));
    assertThat(receive(url, 10)).extracting(Message::body).containsExactly("queue delay");
    CLOCK.advance(Duration.ofSeconds(55));
    assertThat(receive(url, 10)).extracting(Message::body).containsExactly("own delay");
    assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").delaySeconds(901)))
        .isInstanceOf(SqsException.class)
        .extracting(t -> ((SqsException) t).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
  }

  @Test
  void retentionEndsAMessage() {
    String url = queue("retained", Map.of("MessageRetentionPeriod", "60"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("brief"));
    CLOCK.advance(Duration.ofSeconds(60));
    assertThat(count(url, "ApproximateNumberOfMessages")).isEqualTo("0");
    assertThat(receive(url, 10)).isEmpty();
  }

  @Test
  void messagesReceivedTooOftenMoveToTheDeadLetterQueue() {
    String dlq = queue("dead-letters", Map.of());
    String dlqArn = count(dlq, "QueueArn");
    String url = queue("flaky", Map.of("VisibilityTimeout", "1",
        "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":1}"));
    String sourceArn = count(url, "QueueArn");
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("message-1").messageAttributes(Map.of("MyAttribute",
        MessageAttributeValue.builder().dataType("String").stringValue("foobar").build())));
    Message first = receive(url, 1).get(0);
    CLOCK.advance(Duration.ofSeconds(1));
    assertThat(receive(url, 1)).isEmpty();
    Message dead = receive(dlq, 1).get(0);
    // As AWS records it: same id, body and attributes; the count goes on; the source is named.
    assertThat(dead.messageId()).isEqualTo(first.messageId());
    assertThat(dead.body()).isEqualTo("message-1");
    assertThat(dead.md5OfMessageAttributes()).isEqualTo("adb59cd4678ea5a855436b949cd07ab6");
    assertThat(dead.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2")
        .containsEntry("DeadLetterQueueSourceArn", sourceArn)
        .containsEntry("SentTimestamp", first.attributesAsStrings().get("SentTimestamp"));
  }

  @Test
  void badMessagesAreRefusedWithAwsErrors() {
    String url = queue("strict", Map.of("MaximumMessageSize", "1024"));
    assertCode(assertThrows(SqsException.class, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(""))),
        "MissingParameter", "The request must contain the parameter MessageBody.");
    assertCode(assertThrows(SqsException.class, () -> sqs.sendMessage(b -> b.queueUrl(url)
        .messageBody("a".repeat(1025)))), "InvalidParameterValue",
        "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.");
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("a".repeat(1024)));
    assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("bell \u0007")))
        .isInstanceOf(InvalidMessageContentsException.class);
    assertCode(assertThrows(SqsException.class, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")
        .messageAttributes(Map.of("ErrorDetails", MessageAttributeValue.builder().dataType("String")
            .stringValue("").build())))), "InvalidParameterValue",
        "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.");
    assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(Map.of(
        "n", MessageAttributeValue.builder().dataType("Number").stringValue("many").build()))))
        .isInstanceOf(SqsException.class);
    assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x").messageAttributes(Map.of(
        "AWS.reserved", MessageAttributeValue.builder().dataType("String").stringValue("v").build()))))
        .isInstanceOf(SqsException.class);

    assertCode(assertThrows(SqsException.class, () -> sqs.receiveMessage(b -> b.queueUrl(url)
        .maxNumberOfMessages(11))), "InvalidParameterValue",
        "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
    assertCode(assertThrows(SqsException.class, () -> sqs.receiveMessage(b -> b.queueUrl(url)
        .waitTimeSeconds(21))), "InvalidParameterValue",
        "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
    assertCode(assertThrows(SqsException.class, () -> sqs.receiveMessage(b -> b.queueUrl(url)
        .waitTimeSeconds(-1))), "InvalidParameterValue",
        "Value -1 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
    assertThat(count(url, "ApproximateNumberOfMessages")).isEqualTo("1");
  }

  @Test
  void theLargestMessageAwsTakesIsAMebibyte() {
    String url = queue("large", Map.of());
    String body = "b".repeat(1_048_576);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
    assertThat(receive(url, 1).get(0).body()).isEqualTo(body);
    assertCode(assertThrows(SqsException.class, () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody(body + "b"))),
        "InvalidParameterValue",
        "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.");
  }
}
