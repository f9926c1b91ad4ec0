package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sqs.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException;

/** SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch through the SDK. */
class SqsBatchesTest {
  private static Streambed streambed;
  private static SqsClient sqs;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
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

  private static SendMessageBatchRequestEntry entry(String id, String body) {
    return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build();
  }

  private static List<Message> drain(String url) {
    List<Message> all = new ArrayList<>();
    while (true) {
      List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
      if (got.isEmpty()) {
        return all;
      }
      all.addAll(got);
    }
  }

  @Test
  void tenMessagesInOneBatchEachWithItsDigests() {
    String url = queue("batch-ten", Map.of());
    List<SendMessageBatchRequestEntry> entries = IntStream.range(0, 10).mapToObj(i ->
        SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("body-" + i).messageAttributes(Map.of(
            "i", MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(i)).build())).build())
        .toList();
    SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
    assertThat(sent.failed()).isEmpty();
    assertThat(sent.successful()).extracting(s -> s.id()).containsExactlyInAnyOrder(
        entries.stream().map(SendMessageBatchRequestEntry::id).toArray(String[]::new));
    assertThat(sent.successful().stream().map(s -> s.messageId()).distinct()).hasSize(10);
    // The SDK has checked every entry's MD5OfMessageBody and MD5OfMessageAttributes already.
    assertThat(drain(url)).extracting(Message::body).containsExactlyInAnyOrder(
        entries.stream().map(SendMessageBatchRequestEntry::messageBody).toArray(String[]::new));
  }

  @Test
  void anEntryTooLargeFailsAloneAsAwsAnswers() {
    String url = queue("batch-sizes", Map.of("MaximumMessageSize", "1024"));
    SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
        entry("fits", "a".repeat(1024)), entry("too-big", "a".repeat(1025))));
    assertThat(r.successful()).extracting(s -> s.id()).containsExactly("fits");
    assertThat(r.successful().get(0).md5OfMessageBody()).isEqualTo("c9a34cfc85d982698c6ac89f76071abd");
    BatchResultErrorEntry failed = r.failed().get(0);
    assertThat(failed.id()).isEqualTo("too-big");
    assertThat(failed.code()).isEqualTo("InvalidParameterValue");
    assertThat(failed.senderFault()).isTrue();
    assertThat(failed.message()).isEqualTo(
        "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.");
    assertThat(drain(url)).hasSize(1);
  }

  @Test
  void batchRulesAreCheckedBeforeAnythingIsSent() {
    String url = queue("batch-rules", Map.of());
    EmptyBatchRequestException empty = assertThrows(EmptyBatchRequestException.class,
        () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(List.of())));
    assertThat(empty.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.EmptyBatchRequest");

    List<SendMessageBatchRequestEntry> twenty = IntStream.range(0, 20).mapToObj(i -> entry("e" + i, "x")).toList();
    TooManyEntriesInBatchRequestException many = assertThrows(TooManyEntriesInBatchRequestException.class,
        () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(twenty)));
    assertThat(many.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.TooManyEntriesInBatchRequest");
    assertThat(many.awsErrorDetails().errorMessage()).isEqualTo("Maximum number of entries per request are 10. You have sent 20.");

    BatchEntryIdsNotDistinctException same = assertThrows(BatchEntryIdsNotDistinctException.class,
        () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entry("same", "1"), entry("same", "2"))));
    assertThat(same.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.BatchEntryIdsNotDistinct");

    InvalidBatchEntryIdException badId = assertThrows(InvalidBatchEntryIdException.class,
        () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entry("invalid:id", "1"))));
    assertThat(badId.awsErrorDetails().errorMessage()).isEqualTo("A batch entry id can only contain alphanumeric "
        + "characters, hyphens and underscores. It can be at most 80 letters long.");

    String half = "h".repeat(524_289);
    BatchRequestTooLongException tooLong = assertThrows(BatchRequestTooLongException.class,
        () -> sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entry("a", half), entry("b", half.substring(1)))));
    assertThat(tooLong.awsErrorDetails().errorCode()).isEqualTo("AWS.SimpleQueueService.BatchRequestTooLong");
    assertThat(tooLong.awsErrorDetails().errorMessage())
        .isEqualTo("Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.");
    assertThat(drain(url)).isEmpty();
  }

  @Test
  void deleteBatchReportsEachEntry() {
    String url = queue("batch-delete", Map.of());
    sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entry("a", "1"), entry("b", "2"), entry("c", "3")));
    List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    assertThat(got).hasSize(3);
    DeleteMessageBatchResponse r = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(
        e -> e.id("first").receiptHandle(got.get(0).receiptHandle()),
        e -> e.id("second").receiptHandle(got.get(1).receiptHandle()),
        e -> e.id("bogus").receiptHandle("fake-receipt-handle-1")));
    assertThat(r.successful()).extracting(s -> s.id()).containsExactly("first", "second");
    assertThat(r.failed()).hasSize(1);
    BatchResultErrorEntry bogus = r.failed().get(0);
    assertThat(bogus.id()).isEqualTo("bogus");
    assertThat(bogus.code()).isEqualTo("ReceiptHandleIsInvalid");
    assertThat(bogus.senderFault()).isTrue();
    assertThat(bogus.message()).isEqualTo("The input receipt handle \"fake-receipt-handle-1\" is not a valid receipt handle.");
    assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All")).attributesAsStrings())
        .containsEntry("ApproximateNumberOfMessages", "0").containsEntry("ApproximateNumberOfMessagesNotVisible", "1");

    assertThrows(EmptyBatchRequestException.class, () -> sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(List.of())));
  }

  @Test
  void changeVisibilityBatchShowsMessagesAgain() {
    String url = queue("batch-visibility", Map.of("VisibilityTimeout", "600"));
    sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entry("a", "1"), entry("b", "2")));
    List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
    ChangeMessageVisibilityBatchResponse r = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(
        got.stream().map(m -> software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry
            .builder().id("m" + m.body()).receiptHandle(m.receiptHandle()).visibilityTimeout(0).build())
            .collect(Collectors.toList())));
    assertThat(r.successful()).extracting(s -> s.id()).containsExactlyInAnyOrder("m1", "m2");
    assertThat(r.failed()).isEmpty();
    assertThat(drain(url)).extracting(Message::body).containsExactlyInAnyOrder("1", "2");

    List<software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry> eleven =
        IntStream.range(0, 11).mapToObj(i -> software.amazon.awssdk.services.sqs.model
            .ChangeMessageVisibilityBatchRequestEntry.builder().id("e" + i).receiptHandle("h").visibilityTimeout(1)
            .build()).toList();
    SqsException many = assertThrows(TooManyEntriesInBatchRequestException.class,
        () -> sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(eleven)));
    assertThat(many.awsErrorDetails().errorMessage()).isEqualTo("Maximum number of entries per request are 10. You have sent 11.");
  }
}
