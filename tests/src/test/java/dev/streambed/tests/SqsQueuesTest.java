package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException;
import software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS queues through the AWS SDK for Java v2: create, URLs, lists, attributes, tags, purge and
 * delete, with the answers AWS gave in recorded responses where they are known.
 */
class SqsQueuesTest {
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

  private static String create(String name, Map<String, String> attributes) {
    return sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
  }

  private static Map<String, String> attributes(String url, String... names) {
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(names)).attributesAsStrings();
  }

  /** The code a user of the Query API knew, which the SDK reports from x-amzn-query-error. */
  private static void assertError(AwsServiceException e, String code, int status, String message) {
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  @Test
  void createdQueueHasTheLocalUrlAndAwsDefaults() {
    String url = create("orders", Map.of());
    assertThat(url).isEqualTo(streambed.endpoint() + "/000000000000/orders");
    assertThat(sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl()).isEqualTo(url);

    Map<String, String> all = attributes(url, "All");
    // The defaults of a queue created today, as recorded from AWS.
    assertThat(all).containsEntry("ApproximateNumberOfMessages", "0")
        .containsEntry("ApproximateNumberOfMessagesDelayed", "0")
        .containsEntry("ApproximateNumberOfMessagesNotVisible", "0")
        .containsEntry("DelaySeconds", "0")
        .containsEntry("MaximumMessageSize", "1048576")
        .containsEntry("MessageRetentionPeriod", "345600")
        .containsEntry("QueueArn", "arn:aws:sqs:us-east-1:000000000000:orders")
        .containsEntry("ReceiveMessageWaitTimeSeconds", "0")
        .containsEntry("SqsManagedSseEnabled", "true")
        .containsEntry("VisibilityTimeout", "30")
        .containsEntry("CreatedTimestamp", Long.toString(CLOCK.millis() / 1000))
        .containsEntry("LastModifiedTimestamp", Long.toString(CLOCK.millis() / 1000))
        .hasSize(12);
    assertThat(attributes(url, "VisibilityTimeout", "QueueArn")).containsOnlyKeys("VisibilityTimeout", "QueueArn");
    assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url)).attributes()).isEmpty();
  }

  @Test
  void createAgainAnswersTheSameQueueUnlessAnAttributeDiffers() {
    String url = create("again", Map.of("ReceiveMessageWaitTimeSeconds", "1", "DelaySeconds", "1"));
    assertThat(create("again", Map.of())).isEqualTo(url);
    assertThat(create("again", Map.of("DelaySeconds", "1"))).isEqualTo(url);
    QueueNameExistsException e = org.junit.jupiter.api.Assertions.assertThrows(QueueNameExistsException.class,
        () -> create("again", Map.of("ReceiveMessageWaitTimeSeconds", "1", "DelaySeconds", "2")));
    assertError(e, "QueueAlreadyExists", 400,
        "A queue already exists with the same name and a different value for attribute DelaySeconds");
    sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("DelaySeconds", "2")));
    assertThat(create("again", Map.of("ReceiveMessageWaitTimeSeconds", "1", "DelaySeconds", "2"))).isEqualTo(url);
  }

  @Test
  void badNamesAndAttributesAreRefusedAsAwsRefusesThem() {
    SqsException name = (SqsException) org.junit.jupiter.api.Assertions.assertThrows(SqsException.class,
        () -> create("has space", Map.of()));
    assertError(name, "InvalidParameterValue", 400,
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    assertThatThrownBy(() -> create("x".repeat(81), Map.of())).isInstanceOf(SqsException.class);

    InvalidAttributeNameException fifo = org.junit.jupiter.api.Assertions.assertThrows(
        InvalidAttributeNameException.class, () -> create("plain", Map.of("FifoQueue", "false")));
    assertError(fifo, "InvalidAttributeName", 400, "Unknown Attribute FifoQueue.");
    assertError(org.junit.jupiter.api.Assertions.assertThrows(InvalidAttributeNameException.class,
        () -> create("plain", Map.of("DeduplicationScope", "queue"))), "InvalidAttributeName", 400,
        "You can specify the DeduplicationScope only when FifoQueue is set to true.");
    assertError(org.junit.jupiter.api.Assertions.assertThrows(InvalidAttributeValueException.class,
        () -> create("plain", Map.of("VisibilityTimeout", "43201"))), "InvalidAttributeValue", 400,
        "Invalid value for the parameter VisibilityTimeout.");
    assertThatThrownBy(() -> create("plain", Map.of("MessageRetentionPeriod", "59")))
        .isInstanceOf(InvalidAttributeValueException.class);
    assertThatThrownBy(() -> create("plain", Map.of("MaximumMessageSize", "lots")))
        .isInstanceOf(InvalidAttributeValueException.class);
    assertThat(sqs.listQueues(b -> b.queueNamePrefix("plain")).queueUrls()).isEmpty();
  }

  @Test
  void missingQueuesAreQueueDoesNotExist() {
    QueueDoesNotExistException e = org.junit.jupiter.api.Assertions.assertThrows(
        QueueDoesNotExistException.class, () -> sqs.getQueueUrl(b -> b.queueName("nowhere")));
    assertError(e, "AWS.SimpleQueueService.NonExistentQueue", 400, "The specified queue does not exist.");
    String url = streambed.endpoint() + "/000000000000/nowhere";
    assertThatThrownBy(() -> sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All")))
        .isInstanceOf(QueueDoesNotExistException.class);
    assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("x")))
        .isInstanceOf(QueueDoesNotExistException.class);
    assertThatThrownBy(() -> sqs.deleteQueue(b -> b.queueUrl(url))).isInstanceOf(QueueDoesNotExistException.class);
    assertThatThrownBy(() -> sqs.purgeQueue(b -> b.queueUrl(url))).isInstanceOf(QueueDoesNotExistException.class);
  }

  @Test
  void listQueuesByPrefixAndInPages() {
    for (int i = 0; i < 5; i++) {
      create("paged-" + i, Map.of());
    }
    create("other", Map.of());
    List<String> all = sqs.listQueues(b -> b.queueNamePrefix("paged-")).queueUrls();
    assertThat(all).hasSize(5).allMatch(u -> u.startsWith(streambed.endpoint() + "/000000000000/paged-"));
    assertThat(sqs.listQueues(b -> b.queueNamePrefix("paged-")).nextToken()).isNull();

    ListQueuesResponse first = sqs.listQueues(b -> b.queueNamePrefix("paged-").maxResults(2));
    assertThat(first.queueUrls()).containsExactlyElementsOf(all.subList(0, 2));
    assertThat(first.nextToken()).isNotNull();
    ListQueuesResponse rest = sqs.listQueues(b -> b.queueNamePrefix("paged-").maxResults(10)
        .nextToken(first.nextToken()));
    assertThat(rest.queueUrls()).containsExactlyElementsOf(all.subList(2, 5));
    assertThat(rest.nextToken()).isNull();

    assertThat(sqs.listQueues().queueUrls()).contains(streambed.endpoint() + "/000000000000/other");
    assertThat(sqs.listQueues(b -> b.queueNamePrefix("none-such")).queueUrls()).isEmpty();
    assertThatThrownBy(() -> sqs.listQueues(b -> b.maxResults(0))).isInstanceOf(SqsException.class)
        .extracting(t -> ((SqsException) t).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
  }

  @Test
  void setQueueAttributesMergesAndChecks() {
    String url = create("settable", Map.of("MessageRetentionPeriod", "3600"));
    long created = CLOCK.millis() / 1000;
    CLOCK.advance(Duration.ofSeconds(5));
    sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("VisibilityTimeout", "45",
        "DelaySeconds", "420", "MaximumMessageSize", "2048")));
    Map<String, String> after = attributes(url, "All");
    assertThat(after).containsEntry("VisibilityTimeout", "45").containsEntry("DelaySeconds", "420")
        .containsEntry("MaximumMessageSize", "2048").containsEntry("MessageRetentionPeriod", "3600")
        .containsEntry("CreatedTimestamp", Long.toString(created))
        .containsEntry("LastModifiedTimestamp", Long.toString(created + 5));

    assertError(org.junit.jupiter.api.Assertions.assertThrows(InvalidAttributeNameException.class,
        () -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("FifoQueue", "true")))),
        "InvalidAttributeName", 400, "Unknown Attribute FifoQueue.");
    assertThatThrownBy(() -> sqs.setQueueAttributes(b -> b.queueUrl(url)
        .attributesWithStrings(Map.of("ReceiveMessageWaitTimeSeconds", "21"))))
        .isInstanceOf(InvalidAttributeValueException.class)
        .hasMessageContaining("Invalid value for the parameter ReceiveMessageWaitTimeSeconds.");
    assertError(org.junit.jupiter.api.Assertions.assertThrows(InvalidAttributeNameException.class,
        () -> attributes(url, "NotAnAttribute")), "InvalidAttributeName", 400, "Unknown Attribute NotAnAttribute.");
    assertThat(attributes(url, "VisibilityTimeout")).containsEntry("VisibilityTimeout", "45");
  }

  @Test
  void redrivePolicyNamesAnExistingDeadLetterQueue() {
    String dlq = create("redrive-dlq", Map.of());
    String dlqArn = attributes(dlq, "QueueArn").get("QueueArn");
    String url = create("redrive-source", Map.of("RedrivePolicy",
        "{\"maxReceiveCount\":\"5\", \"deadLetterTargetArn\":\"" + dlqArn + "\"}"));
    assertThat(attributes(url, "RedrivePolicy")).containsEntry("RedrivePolicy",
        "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":5}");
    assertThat(sqs.listDeadLetterSourceQueues(b -> b.queueUrl(dlq)).queueUrls()).containsExactly(url);

    SqsException missing = org.junit.jupiter.api.Assertions.assertThrows(SqsException.class,
        () -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("RedrivePolicy",
            "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:absent\",\"maxReceiveCount\":1}"))));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(missing.awsErrorDetails().errorMessage()).endsWith("Reason: Dead letter target does not exist.");
    assertThatThrownBy(() -> sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of(
        "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":0}"))))
        .isInstanceOf(SqsException.class).hasMessageContaining("Invalid value for maxReceiveCount: 0, "
            + "valid values are from 1 to 1000 both inclusive.");

    sqs.setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(Map.of("RedrivePolicy", "")));
    assertThat(attributes(url, "All")).doesNotContainKey("RedrivePolicy");
  }

  @Test
  void deletedQueuesAreGoneAndTheirNameWaitsAMinute() {
    String url = create("short-lived", Map.of());
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("lost"));
    sqs.deleteQueue(b -> b.queueUrl(url));
    assertThatThrownBy(() -> sqs.getQueueUrl(b -> b.queueName("short-lived")))
        .isInstanceOf(QueueDoesNotExistException.class);
    assertThat(sqs.listQueues(b -> b.queueNamePrefix("short-lived")).queueUrls()).isEmpty();
    QueueDeletedRecentlyException e = org.junit.jupiter.api.Assertions.assertThrows(
        QueueDeletedRecentlyException.class, () -> create("short-lived", Map.of()));
    assertError(e, "AWS.SimpleQueueService.QueueDeletedRecently", 400,
        "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
    CLOCK.advance(Duration.ofSeconds(60));
    String again = create("short-lived", Map.of());
    assertThat(again).isEqualTo(url);
    assertThat(sqs.receiveMessage(b -> b.queueUrl(again)).messages()).isEmpty();
  }

  @Test
  void purgeEmptiesTheQueueOncePerMinute() {
    String url = create("purged", Map.of());
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("one"));
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("two"));
    sqs.purgeQueue(b -> b.queueUrl(url));
    assertThat(attributes(url, "ApproximateNumberOfMessages")).containsEntry("ApproximateNumberOfMessages", "0");
    assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()).isEmpty();

    PurgeQueueInProgressException e = org.junit.jupiter.api.Assertions.assertThrows(
        PurgeQueueInProgressException.class, () -> sqs.purgeQueue(b -> b.queueUrl(url)));
    assertError(e, "AWS.SimpleQueueService.PurgeQueueInProgress", 403,
        "Only one PurgeQueue operation on purged is allowed every 60 seconds.");
    CLOCK.advance(Duration.ofSeconds(60));
    sqs.purgeQueue(b -> b.queueUrl(url));
  }

  @Test
  void tagsAreAddedReplacedAndRemoved() {
    String url = sqs.createQueue(b -> b.queueName("tagged").tags(Map.of("team", "billing"))).queueUrl();
    assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("team", "billing"));
    sqs.tagQueue(b -> b.queueUrl(url).tags(Map.of("env", "dev", "team", "platform")));
    assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("env", "dev", "team", "platform"));
    sqs.untagQueue(b -> b.queueUrl(url).tagKeys("team"));
    assertThat(sqs.listQueueTags(b -> b.queueUrl(url)).tags()).isEqualTo(Map.of("env", "dev"));
  }

  @Test
  void fifoQueuesNeedTheirSuffixAndShowTheirAttributes() {
    String url = create("ordered.fifo", Map.of("FifoQueue", "true", "ContentBasedDeduplication", "true"));
    assertThat(attributes(url, "All")).containsEntry("FifoQueue", "true")
        .containsEntry("ContentBasedDeduplication", "true").containsEntry("DeduplicationScope", "queue")
        .containsEntry("FifoThroughputLimit", "perQueue");
    assertThatThrownBy(() -> create("unordered.fifo", Map.of())).isInstanceOf(SqsException.class)
        .extracting(t -> ((SqsException) t).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThatThrownBy(() -> create("no-suffix", Map.of("FifoQueue", "true"))).isInstanceOf(SqsException.class)
        .hasMessageContaining("must end with .fifo suffix");
    assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.FIFO_QUEUE))
        .attributes()).containsEntry(QueueAttributeName.FIFO_QUEUE, "true");
  }
}
