package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.time.MutableClock;
import dev.streambed.server.Config;
import dev.streambed.server.StorageConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/**
 * Event invocations over {@code --data-dir} outlive Streambed: an event accepted with 202 and
 * not yet run, or waiting for a retry, runs after a restart over the same directory with its
 * attempts and its age as they were, and an event that finished is not run again.
 */
class LambdaAsyncRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SEND = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";
  private static final String FAILING = "def handler(event, context):\n"
      + "    print('attempt', context.aws_request_id)\n"
      + "    raise Exception('intentional failure')\n";
  /** Holds its environment until the test's socket lets go when asked to block; else says it ran. */
  private static final String BLOCKING = "import socket\n"
      + "def handler(event, context):\n"
      + "    if 'block' in event:\n"
      + "        socket.create_connection(('127.0.0.1', event['block'])).recv(1)\n"
      + "        return 'unblocked'\n"
      + "    print('ran', event['n'], context.aws_request_id)\n"
      + "    return {'n': event['n']}\n";

  private static Streambed start(Path dir, Clock clock) {
    return Streambed.start(Config.defaults().withStorage(StorageConfig.in(dir)), clock);
  }

  /** A role Lambda may assume that writes logs and may send to queues (as destinations need). */
  private static String role(Streambed server) {
    try (IamClient iam = server.iam()) {
      String arn = iam.createRole(b -> b.roleName("kept-async").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
          .role().arn();
      iam.attachRolePolicy(b -> b.roleName("kept-async")
          .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
      iam.putRolePolicy(b -> b.roleName("kept-async").policyName("send").policyDocument(SEND));
      return arn;
    }
  }

  private static String[] queue(SqsClient sqs, String name) {
    String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
    String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
        .attributesAsStrings().get("QueueArn");
    return new String[] {url, arn};
  }

  private static List<String> lines(Streambed server, String function, String pattern) {
    try (CloudWatchLogsClient logs = server.logs()) {
      return logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/" + function).filterPattern(pattern)).events()
          .stream().map(FilteredLogEvent::message).toList();
    }
  }

  private static void awaitIdle(Streambed server) throws InterruptedException {
    assertThat(server.server().invocations().awaitAsyncIdle(Duration.ofSeconds(60)))
        .as("every Event invocation ran or waits for its retry").isTrue();
  }

  /** The one message of a queue, deleted once read. */
  private static JsonNode take(SqsClient sqs, String url) throws Exception {
    List<Message> m = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
    assertThat(m).as("a message in " + url).hasSize(1);
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.get(0).receiptHandle()));
    return JSON.readTree(m.get(0).body());
  }

  @Test
  void aRetryWaitingAtTheStopRunsAfterTheRestartWithItsAttemptsAndAgeKept(@TempDir Path dir) throws Exception {
    // AWS's minute before the first retry and two before the second, on a clock moved by hand.
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    MutableClock clock = new MutableClock(t0);
    String requestId;
    String url;
    try (Streambed first = start(dir, clock); LambdaClient lambda = first.lambda(); SqsClient sqs = first.sqs()) {
      String role = role(first);
      lambda.createFunction(b -> b.functionName("retried").runtime(Runtime.PYTHON3_12).role(role)
          .handler("index.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("index.py", FAILING)))));
      String[] q = queue(sqs, "retried-failures");
      url = q[0];
      lambda.putFunctionEventInvokeConfig(b -> b.functionName("retried").maximumRetryAttempts(2)
          .maximumEventAgeInSeconds(150).destinationConfig(d -> d.onFailure(s -> s.destination(q[1]))));
      InvokeResponse r = lambda.invoke(b -> b.functionName("retried").invocationType(InvocationType.EVENT)
          .payload(SdkBytes.fromUtf8String("{\"kept\": true}")));
      assertThat(r.statusCode()).isEqualTo(202);
      requestId = r.responseMetadata().requestId();
      awaitIdle(first);
      assertThat(lines(first, "retried", "attempt")).containsExactly("attempt " + requestId + "\n");
      assertThat(sqs.receiveMessage(b -> b.queueUrl(q[0])).messages()).isEmpty();
    }

    // The minute passes while Streambed is stopped, so the retry is due when it starts again.
    clock.advance(Duration.ofSeconds(60));
    try (Streambed second = start(dir, clock); SqsClient sqs = second.sqs()) {
      awaitIdle(second);
      // The second attempt ran; a third two minutes later would find the event 180 seconds old,
      // past its 150: it is given up now, with both attempts counted and its age from the first.
      assertThat(lines(second, "retried", "attempt"))
          .containsExactly("attempt " + requestId + "\n", "attempt " + requestId + "\n");
      JsonNode record = take(sqs, url);
      assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(requestId);
      assertThat(record.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
      assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
      assertThat(record.get("timestamp").asText()).isEqualTo(t0.plusSeconds(60).toString().replace("Z", ".000Z"));
      assertThat(record.get("requestPayload")).isEqualTo(JSON.readTree("{\"kept\": true}"));
      assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("intentional failure");
    }

    clock.advance(Duration.ofMinutes(10));
    try (Streambed third = start(dir, clock); SqsClient sqs = third.sqs()) {
      awaitIdle(third);
      assertThat(lines(third, "retried", "attempt")).hasSize(2);
      assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }
  }

  @Test
  void anEventAcceptedAndNotYetRunRunsOnceAfterTheRestart(@TempDir Path dir) throws Exception {
    String requestId;
    String url;
    Streambed first = start(dir, Clock.systemUTC());
    try (LambdaClient lambda = first.lambda(); LambdaClient blocked = first.lambda(); SqsClient sqs = first.sqs();
        ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String role = role(first);
      lambda.createFunction(b -> b.functionName("throttled").runtime(Runtime.PYTHON3_12).role(role).timeout(900)
          .handler("index.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("index.py", BLOCKING)))));
      lambda.putFunctionConcurrency(b -> b.functionName("throttled").reservedConcurrentExecutions(1));
      String[] q = queue(sqs, "throttled-successes");
      url = q[0];
      lambda.putFunctionEventInvokeConfig(b -> b.functionName("throttled")
          .destinationConfig(d -> d.onSuccess(s -> s.destination(q[1]))));
      // The function's one environment is taken: the event can only wait, throttled, until the stop.
      CompletableFuture<Void> blocker = CompletableFuture.runAsync(() -> {
        try {
          blocked.invoke(b -> b.functionName("throttled").payload(SdkBytes.fromUtf8String("{\"block\": " + held.getLocalPort() + "}")));
        } catch (RuntimeException endedByTheStop) {
          // Its environment is stopped with Streambed.
        }
      });
      try (Socket running = held.accept()) {
        InvokeResponse r = lambda.invoke(b -> b.functionName("throttled").invocationType(InvocationType.EVENT)
            .payload(SdkBytes.fromUtf8String("{\"n\": 1}")));
        assertThat(r.statusCode()).isEqualTo(202);
        requestId = r.responseMetadata().requestId();
        first.close();
        first = null;
      }
      blocker.join();
    } finally {
      if (first != null) {
        first.close();
      }
    }

    try (Streambed second = start(dir, Clock.systemUTC()); SqsClient sqs = second.sqs()) {
      awaitIdle(second);
      assertThat(lines(second, "throttled", "ran")).containsExactly("ran 1 " + requestId + "\n");
      JsonNode record = take(sqs, url);
      assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(requestId);
      assertThat(record.at("/requestContext/condition").asText()).isEqualTo("Success");
      assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
      assertThat(record.get("responsePayload")).isEqualTo(JSON.readTree("{\"n\": 1}"));
    }

    try (Streambed third = start(dir, Clock.systemUTC()); SqsClient sqs = third.sqs()) {
      awaitIdle(third);
      assertThat(lines(third, "throttled", "ran")).hasSize(1);
      assertThat(sqs.receiveMessage(b -> b.queueUrl(url)).messages()).isEmpty();
    }
  }
}
