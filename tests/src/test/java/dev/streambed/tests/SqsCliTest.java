package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQS from the AWS CLI and boto3, which speak the same JSON protocol as the SDK but parse its
 * answers themselves: botocore reads the Query-compatible error code from x-amzn-query-error.
 */
class SqsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Streambed streambed;
  private static AwsCli aws;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    aws = new AwsCli(streambed.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static JsonNode ok(AwsCli.Result r) throws Exception {
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }

  @Test
  void createSendReceiveDelete() throws Exception {
    JsonNode created = ok(aws.run("sqs", "create-queue", "--queue-name", "cli-queue",
        "--attributes", "VisibilityTimeout=60"));
    String url = created.get("QueueUrl").asText();
    assertThat(url).isEqualTo(streambed.endpoint() + "/000000000000/cli-queue");

    JsonNode sent = ok(aws.run("sqs", "send-message", "--queue-url", url, "--message-body", "Hello from the CLI",
        "--message-attributes", "{\"kind\":{\"DataType\":\"String\",\"StringValue\":\"greeting\"}}"));
    assertThat(sent.get("MD5OfMessageBody").asText()).isEqualTo(md5("Hello from the CLI"));
    assertThat(sent.get("MD5OfMessageAttributes").asText()).hasSize(32);

    JsonNode received = ok(aws.run("sqs", "receive-message", "--queue-url", url, "--attribute-names", "All",
        "--message-attribute-names", "All", "--wait-time-seconds", "1"));
    JsonNode message = received.at("/Messages/0");
    assertThat(message.get("Body").asText()).isEqualTo("Hello from the CLI");
    assertThat(message.get("MessageId").asText()).isEqualTo(sent.get("MessageId").asText());
    assertThat(message.at("/Attributes/ApproximateReceiveCount").asText()).isEqualTo("1");
    assertThat(message.at("/MessageAttributes/kind/StringValue").asText()).isEqualTo("greeting");
    assertThat(message.get("MD5OfMessageAttributes").asText()).isEqualTo(sent.get("MD5OfMessageAttributes").asText());

    JsonNode attributes = ok(aws.run("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All"));
    assertThat(attributes.at("/Attributes/QueueArn").asText()).isEqualTo("arn:aws:sqs:eu-west-1:000000000000:cli-queue");
    assertThat(attributes.at("/Attributes/ApproximateNumberOfMessagesNotVisible").asText()).isEqualTo("1");
    assertThat(attributes.at("/Attributes/VisibilityTimeout").asText()).isEqualTo("60");

    ok(aws.run("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message.get("ReceiptHandle").asText()));
    JsonNode after = ok(aws.run("sqs", "get-queue-attributes", "--queue-url", url,
        "--attribute-names", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"));
    assertThat(after.at("/Attributes/ApproximateNumberOfMessages").asText()).isEqualTo("0");
    assertThat(after.at("/Attributes/ApproximateNumberOfMessagesNotVisible").asText()).isEqualTo("0");

    assertThat(ok(aws.run("sqs", "list-queues", "--queue-name-prefix", "cli-q")).get("QueueUrls").get(0).asText())
        .isEqualTo(url);
    ok(aws.run("sqs", "delete-queue", "--queue-url", url));
  }

  @Test
  void errorsShowAwsCodesAndMessages() throws Exception {
    AwsCli.Result missing = aws.run("sqs", "get-queue-url", "--queue-name", "no-such-queue");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("AWS.SimpleQueueService.NonExistentQueue")
        .contains("The specified queue does not exist.");
    String url = ok(aws.run("sqs", "create-queue", "--queue-name", "cli-errors")).get("QueueUrl").asText();
    AwsCli.Result bad = aws.run("sqs", "delete-message", "--queue-url", url, "--receipt-handle", "garbage");
    assertThat(bad.stderr()).contains("ReceiptHandleIsInvalid")
        .contains("The input receipt handle \"garbage\" is not a valid receipt handle.");
  }

  @Test
  void boto3SeesTheModeledExceptionsAndDigests(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("check.py");
    Files.writeString(script, String.join("\n",
        "import hashlib, json, sys, boto3",
        "sqs = boto3.client('sqs', endpoint_url=sys.argv[1], region_name='us-east-1',",
        "                   aws_access_key_id='test', aws_secret_access_key='test')",
        "out = {}",
        "try:",
        "    sqs.get_queue_url(QueueName='absent')",
        "except sqs.exceptions.QueueDoesNotExist as e:",
        "    out['missing'] = e.response['Error']",
        "url = sqs.create_queue(QueueName='from-boto3')['QueueUrl']",
        "sent = sqs.send_message(QueueUrl=url, MessageBody='hi', MessageAttributes={",
        "    'n': {'DataType': 'Number', 'StringValue': '7'}, 'b': {'DataType': 'Binary', 'BinaryValue': b'\\x00\\xff'}})",
        "got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=['All'])['Messages'][0]",
        "out['bodyDigest'] = got['MD5OfBody'] == hashlib.md5(b'hi').hexdigest()",
        "out['attributeDigest'] = got['MD5OfMessageAttributes'] == sent['MD5OfMessageAttributes']",
        "out['binary'] = list(got['MessageAttributes']['b']['BinaryValue'])",
        "try:",
        "    sqs.send_message_batch(QueueUrl=url, Entries=[])",
        "except sqs.exceptions.EmptyBatchRequest as e:",
        "    out['empty'] = e.response['Error']['Code']",
        "print(json.dumps(out))",
        ""));
    Process p = new ProcessBuilder("python3", script.toString(), streambed.endpoint().toString())
        .redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    JsonNode out = JSON.readTree(printed);
    assertThat(out.at("/missing/Code").asText()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
    assertThat(out.at("/missing/QueryErrorCode").asText()).isEqualTo("QueueDoesNotExist");
    assertThat(out.at("/missing/Type").asText()).isEqualTo("Sender");
    assertThat(out.at("/missing/Message").asText()).isEqualTo("The specified queue does not exist.");
    assertThat(out.get("bodyDigest").asBoolean()).isTrue();
    assertThat(out.get("attributeDigest").asBoolean()).isTrue();
    assertThat(out.get("binary").toString()).isEqualTo("[0,255]");
    assertThat(out.get("empty").asText()).isEqualTo("AWS.SimpleQueueService.EmptyBatchRequest");
  }

  private static String md5(String s) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
