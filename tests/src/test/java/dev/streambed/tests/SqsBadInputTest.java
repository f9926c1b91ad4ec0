package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Raw requests no SDK would send to every SQS operation: each gets an AWS-shaped 4xx with its
 * x-amzn-query-error where SQS names one, the server keeps serving, and the queue is untouched.
 */
class SqsBadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> OPERATIONS = List.of("CreateQueue", "GetQueueUrl", "ListQueues",
      "DeleteQueue", "PurgeQueue", "GetQueueAttributes", "SetQueueAttributes", "SendMessage",
      "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility",
      "ChangeMessageVisibilityBatch", "TagQueue", "UntagQueue", "ListQueueTags", "ListDeadLetterSourceQueues");
  private static Streambed streambed;
  private static SqsClient sqs;
  private static String url;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    sqs = streambed.sqs();
    url = sqs.createQueue(b -> b.queueName("victim")).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody("kept"));
  }

  @AfterAll
  static void stop() {
    sqs.close();
    streambed.close();
  }

  /** The queue and its one message are still there (a well-formed receive may have taken it). */
  @AfterEach
  void queueUntouched() {
    java.util.Map<String, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("All"))
        .attributesAsStrings();
    assertThat(a).containsEntry("VisibilityTimeout", "30");
    assertThat(Integer.parseInt(a.get("ApproximateNumberOfMessages"))
        + Integer.parseInt(a.get("ApproximateNumberOfMessagesNotVisible"))).isEqualTo(1);
  }

  private static HttpResponse<String> post(String operation, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(streambed.endpoint() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "AmazonSQS." + operation)
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/sqs/aws4_request, "
            + "SignedHeaders=host, Signature=00").build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void refused(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.get("__type").asText()).as(r.body()).isNotEmpty();
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
  }

  @Test
  void emptyRequestsNameWhatIsMissing() throws Exception {
    for (String op : OPERATIONS) {
      if (op.equals("ListQueues")) {
        assertThat(post(op, "{}").statusCode()).isEqualTo(200);
        continue;
      }
      HttpResponse<String> r = post(op, "{}");
      refused(r);
      assertThat(r.headers().firstValue("x-amzn-query-error")).as(op).hasValue("MissingParameter;Sender");
      assertThat(JSON.readTree(r.body()).get("__type").asText())
          .isEqualTo("com.amazonaws.sqs#MissingRequiredParameterException");
    }
  }

  @Test
  void wrongTypesAndJunkAreRefused() throws Exception {
    String[] bodies = {
        "{\"QueueUrl\": 7}", "{\"QueueUrl\": [\"" + url + "\"]}", "[]", "{", "not json",
        "{\"QueueUrl\": \"" + url + "\", \"Attributes\": [1]}",
        "{\"QueueUrl\": \"" + url + "\", \"Attributes\": {\"VisibilityTimeout\": 5}}",
        "{\"QueueUrl\": \"" + url + "\", \"Entries\": {}}",
        "{\"QueueUrl\": \"" + url + "\", \"Entries\": [7]}",
        "{\"QueueUrl\": \"" + url + "\", \"Entries\": [{\"Id\": \"a\", \"VisibilityTimeout\": \"x\"}]}",
        "{\"QueueUrl\": \"" + url + "\", \"MaxNumberOfMessages\": \"lots\"}",
        "{\"QueueUrl\": \"" + url + "\", \"MaxNumberOfMessages\": 1e99}",
        "{\"QueueUrl\": \"" + url + "\", \"MessageBody\": \"x\", \"MessageAttributes\": {\"a\": \"b\"}}",
        "{\"QueueUrl\": \"" + url + "\", \"MessageBody\": \"x\", \"MessageAttributes\": "
            + "{\"a\": {\"DataType\": \"Binary\", \"BinaryValue\": \"%%%\"}}}",
        "{\"QueueUrl\": \"" + url + "\", \"ReceiptHandle\": \"" + "A".repeat(10_000) + "\"}",
        "{\"QueueUrl\": \"not a url\", \"QueueName\": \"\"}",
        "{\"QueueName\": \"" + "q".repeat(5000) + "\"}",
    };
    for (String op : OPERATIONS) {
      for (String body : bodies) {
        if ((op.equals("DeleteQueue") || op.equals("PurgeQueue")) && body.contains(url)) {
          // Those would rightly delete or purge the queue the other junk is checked against.
          continue;
        }
        HttpResponse<String> r = post(op, body);
        if (r.statusCode() == 200) {
          // Members an operation does not read are ignored, as AWS ignores them.
          continue;
        }
        refused(r);
      }
    }
  }

  @Test
  void aQueueUrlThatNamesNoQueueIsQueueDoesNotExist() throws Exception {
    HttpResponse<String> r = post("SendMessage", "{\"QueueUrl\": \"" + streambed.endpoint()
        + "/000000000000/victim/extra\", \"MessageBody\": \"x\"}");
    refused(r);
    assertThat(JSON.readTree(r.body()).get("__type").asText()).isEqualTo("com.amazonaws.sqs#QueueDoesNotExist");
    assertThat(r.headers().firstValue("x-amzn-query-error"))
        .hasValue("AWS.SimpleQueueService.NonExistentQueue;Sender");
  }
}
