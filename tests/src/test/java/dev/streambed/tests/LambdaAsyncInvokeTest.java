package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.time.MutableClock;
import dev.streambed.lambda.LambdaConfig;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.server.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Event invocations through the SDK as Lambda's asynchronous queue runs them: retries of a
 * failing function, the invocation records its destinations receive (a queue, a function), the
 * dead-letter queue's message, a function nothing may run, and events too old to retry. One
 * server retries after 200 ms instead of AWS's minute; another keeps AWS's delay on a clock the
 * test moves by hand.
 */
class LambdaAsyncInvokeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  private static final String FAILING = "def handler(event, context):\n"
      + "    print('attempt', context.aws_request_id)\n"
      + "    raise Exception('intentional failure')\n";
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static SqsClient sqs;
  private static String role;

  @BeforeAll
  static void start() {
    streambed = Streambed.start(Config.defaults().withLambda(LambdaConfig.DEFAULTS.withRetryDelay(Duration.ofMillis(200))),
        java.time.Clock.systemUTC());
    lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    sqs = streambed.sqs();
    role = role(streambed);
  }

  @AfterAll
  static void stop() {
    lambda.close();
    sqs.close();
    streambed.close();
  }

  private static String role(Streambed server) {
    try (IamClient iam = server.iam()) {
      String arn = iam.createRole(b -> b.roleName("async-role").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
          .role().arn();
      iam.attachRolePolicy(b -> b.roleName("async-role").policyArn(BASIC));
      // Destinations are checked as AWS checks them: the role must be allowed to send to each.
      iam.putRolePolicy(b -> b.roleName("async-role").policyName("destinations").policyDocument(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
              + "\"Action\":[\"sqs:SendMessage\",\"lambda:InvokeFunction\"],\"Resource\":\"*\"}]}"));
      return arn;
    }
  }

  private static void function(LambdaClient client, String name, String code, String deadLetterQueue) {
    client.createFunction(b -> {
      b.functionName(name).runtime(Runtime.PYTHON3_12).role(role).handler("index.handler")
          .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("index.py", code))));
      if (deadLetterQueue != null) {
        b.deadLetterConfig(d -> d.targetArn(deadLetterQueue));
      }
    });
  }

  private static String[] queue(SqsClient client, String name) {
    String url = client.createQueue(b -> b.queueName(name)).queueUrl();
    String arn = client.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
    return new String[] {url, arn};
  }

  /** The next message of the queue, waited for with long polls (as a consumer would). */
  private static Message receive(SqsClient client, String url) {
    for (int i = 0; i < 10; i++) {
      List<Message> m = client.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).messageAttributeNames("All")
          .messageSystemAttributeNames(MessageSystemAttributeName.AWS_TRACE_HEADER)).messages();
      if (!m.isEmpty()) {
        return m.get(0);
      }
    }
    throw new AssertionError("no message in " + url);
  }

  private static InvokeResponse invokeEvent(LambdaClient client, String name, String payload) {
    InvokeResponse r = client.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String(payload)));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.payload().asUtf8String()).isEmpty();
    return r;
  }

  @Test
  void aSucceedingEventSendsItsRecordToTheOnSuccessQueue() throws Exception {
    function(lambda, "succeeds", "def handler(event, context):\n    return {'got': event['n']}\n", null);
    String[] q = queue(sqs, "on-success");
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("succeeds")
        .destinationConfig(d -> d.onSuccess(s -> s.destination(q[1]))));
    InvokeResponse r = invokeEvent(lambda, "succeeds", "{\"n\": 7}");

    Message m = receive(sqs, q[0]);
    JsonNode record = JSON.readTree(m.body());
    List<String> members = new ArrayList<>();
    record.fieldNames().forEachRemaining(members::add);
    assertThat(members).containsExactly("version", "timestamp", "requestContext", "requestPayload",
        "responseContext", "responsePayload");
    assertThat(record.get("version").asText()).isEqualTo("1.0");
    assertThat(record.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    JsonNode context = record.get("requestContext");
    // Every attempt runs under the Invoke's request id.
    assertThat(context.get("requestId").asText()).isEqualTo(r.responseMetadata().requestId());
    assertThat(context.get("functionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:succeeds:$LATEST");
    assertThat(context.get("condition").asText()).isEqualTo("Success");
    assertThat(context.get("approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(record.get("requestPayload")).isEqualTo(JSON.readTree("{\"n\": 7}"));
    assertThat(record.get("responseContext")).isEqualTo(JSON.readTree("{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}"));
    assertThat(record.get("responsePayload")).isEqualTo(JSON.readTree("{\"got\": 7}"));
    assertThat(m.attributesAsStrings().get("AWSTraceHeader")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
  }

  @Test
  void aFailingEventIsRetriedTwiceUnderOneRequestIdThenSentToOnFailure() throws Exception {
    function(lambda, "fails", FAILING, null);
    String[] q = queue(sqs, "on-failure");
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("fails")
        .destinationConfig(d -> d.onFailure(s -> s.destination(q[1]))));
    InvokeResponse r = invokeEvent(lambda, "fails", "{\"message\": \"m-1\"}");

    JsonNode record = JSON.readTree(receive(sqs, q[0]).body());
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
    assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
    assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("intentional failure");
    assertThat(record.at("/responsePayload/errorType").asText()).isEqualTo("Exception");
    try (CloudWatchLogsClient logs = streambed.logs()) {
      List<String> attempts = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/fails").filterPattern("attempt"))
          .events().stream().map(FilteredLogEvent::message).toList();
      assertThat(attempts).containsExactly("attempt " + r.responseMetadata().requestId() + "\n",
          "attempt " + r.responseMetadata().requestId() + "\n", "attempt " + r.responseMetadata().requestId() + "\n");
    }
  }

  @Test
  void noRetriesAndTheDeadLetterQueueGetsTheEventWithTheError() throws Exception {
    String[] dlq = queue(sqs, "dead-letters");
    function(lambda, "fails-once", FAILING, dlq[1]);
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("fails-once").maximumRetryAttempts(0));
    InvokeResponse r = invokeEvent(lambda, "fails-once", "{\"raise_error\": 1}");

    Message m = receive(sqs, dlq[0]);
    assertThat(m.body()).isEqualTo("{\"raise_error\": 1}");
    assertThat(m.messageAttributes().get("RequestID").stringValue()).isEqualTo(r.responseMetadata().requestId());
    assertThat(m.messageAttributes().get("ErrorCode").dataType()).isEqualTo("Number");
    assertThat(m.messageAttributes().get("ErrorCode").stringValue()).isEqualTo("200");
    assertThat(m.messageAttributes().get("ErrorMessage").stringValue()).isEqualTo("intentional failure");
    try (CloudWatchLogsClient logs = streambed.logs()) {
      assertThat(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/fails-once").filterPattern("attempt"))
          .events()).hasSize(1);
    }
  }

  @Test
  void aFunctionNothingMayRunIsGivenUpAtOnce() throws Exception {
    function(lambda, "reserved-zero", "def handler(event, context):\n    return 1\n", null);
    String[] q = queue(sqs, "zero-concurrency");
    lambda.putFunctionConcurrency(b -> b.functionName("reserved-zero").reservedConcurrentExecutions(0));
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("reserved-zero").maximumRetryAttempts(0)
        .destinationConfig(d -> d.onFailure(s -> s.destination(q[1]))));
    invokeEvent(lambda, "reserved-zero", "{}");

    JsonNode record = JSON.readTree(receive(sqs, q[0]).body());
    assertThat(record.at("/requestContext/condition").asText()).isEqualTo("ZeroReservedConcurrency");
    assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isZero();
    assertThat(record.has("responseContext")).isFalse();
    assertThat(record.has("responsePayload")).isFalse();
  }

  @Test
  void aFunctionDestinationIsInvokedWithTheRecord() throws Exception {
    function(lambda, "records", "import json\ndef handler(event, context):\n"
        + "    print('record', event['requestContext']['condition'], json.dumps(event['responsePayload']))\n", null);
    function(lambda, "source", "def handler(event, context):\n    return 'done'\n", null);
    String target = lambda.getFunction(b -> b.functionName("records")).configuration().functionArn();
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("source")
        .destinationConfig(d -> d.onSuccess(s -> s.destination(target))));
    GroupRef group = new GroupRef("000000000000", "us-east-1", "/aws/lambda/records");
    long seen = streambed.server().logs().watch().version(group);
    invokeEvent(lambda, "source", "{}");

    try (CloudWatchLogsClient logs = streambed.logs()) {
      for (int i = 0; i < 20; i++) {
        // Woken by the destination function's first log lines.
        seen = streambed.server().logs().awaitEvents(group, seen, Duration.ofSeconds(5));
        var found = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/records").filterPattern("record")).events();
        if (!found.isEmpty()) {
          assertThat(found).extracting(FilteredLogEvent::message).containsExactly("record Success \"done\"\n");
          return;
        }
      }
    }
    throw new AssertionError("the destination function was not invoked");
  }

  @Test
  void anEventTooOldForItsFirstRetryIsGivenUpBeforeItsAgeIsReached() throws Exception {
    // AWS's minute before the first retry, and a clock that does not move: with a maximum age of
    // 60 seconds the retry could come no sooner than the age is reached.
    // It starts at the present, as the functions' log lines are stamped with the machine's time.
    Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    MutableClock clock = new MutableClock(start);
    try (Streambed held = Streambed.start(Config.defaults(), clock);
        LambdaClient client = LambdaFunctionsTest.lambda(held.endpoint());
        SqsClient queues = held.sqs()) {
      role(held);
      function(client, "too-old", FAILING, null);
      String[] q = queue(queues, "too-old-failures");
      client.putFunctionEventInvokeConfig(b -> b.functionName("too-old").maximumRetryAttempts(2)
          .maximumEventAgeInSeconds(60).destinationConfig(d -> d.onFailure(s -> s.destination(q[1]))));
      invokeEvent(client, "too-old", "{\"message\": \"old\"}");

      Message first = receive(queues, q[0]);
      queues.deleteMessage(b -> b.queueUrl(q[0]).receiptHandle(first.receiptHandle()));
      JsonNode record = JSON.readTree(first.body());
      assertThat(record.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
      assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
      assertThat(record.get("timestamp").asText()).isEqualTo(start.toString().replace("Z", ".000Z"));
      assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("intentional failure");

      // With 90 seconds there is time for the retry a minute later, not for the second two
      // minutes after that (test_maxeventage records the same).
      client.updateFunctionEventInvokeConfig(b -> b.functionName("too-old").maximumEventAgeInSeconds(90));
      invokeEvent(client, "too-old", "{\"message\": \"old again\"}");
      try (CloudWatchLogsClient logs = held.logs()) {
        awaitAttempts(held, logs, "too-old", 2);
        assertThat(queues.receiveMessage(b -> b.queueUrl(q[0])).messages()).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        JsonNode again = JSON.readTree(receive(queues, q[0]).body());
        assertThat(again.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(again.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(again.get("timestamp").asText()).isEqualTo(start.plusSeconds(60).toString().replace("Z", ".000Z"));
        assertThat(attempts(logs, "too-old")).hasSize(3);
      }
    }
  }

  private static List<String> attempts(CloudWatchLogsClient logs, String function) {
    return logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/" + function).filterPattern("attempt")).events()
        .stream().map(FilteredLogEvent::message).toList();
  }

  /** Waits, woken by each append to the function's log group, until it made {@code count} attempts. */
  private static void awaitAttempts(Streambed server, CloudWatchLogsClient logs, String function, int count)
      throws InterruptedException {
    GroupRef group = new GroupRef("000000000000", "us-east-1", "/aws/lambda/" + function);
    for (int i = 0; i < 20; i++) {
      long seen = server.server().logs().watch().version(group);
      if (attempts(logs, function).size() >= count) {
        return;
      }
      server.server().logs().awaitEvents(group, seen, Duration.ofSeconds(5));
    }
    throw new AssertionError(function + " made fewer than " + count + " attempts: "
        + logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/" + function)).events());
  }
}
