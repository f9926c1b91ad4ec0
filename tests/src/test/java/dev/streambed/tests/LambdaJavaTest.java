package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.logs.group.GroupRef;
import example.Greeter;
import example.Orders;
import example.StreamRecords;
import example.Upper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Java functions through the SDK and the CLI, in a JVM of their own (AWS's runtime interface
 * client) and in-process (chosen by the function's STREAMBED_JAVA_RUNTIME variable): results,
 * AWS's Java error payload, timeouts, log lines in CloudWatch Logs, stream and POJO handlers, and
 * a DynamodbEvent delivered by an event source mapping.
 */
class LambdaJavaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
  private static final String STREAM_ROLE = "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole";
  /**
   * Handlers compiled by this build, with aws-lambda-java-core, -events and the Joda-Time that
   * events need in lib/, as users ship them.
   */
  private static final byte[] CODE = JavaZip.of(new Class<?>[] {Greeter.class, StreamRecords.class, Upper.class,
      Orders.class, example.Visible.class}, RequestHandler.class, DynamodbEvent.class, org.joda.time.DateTime.class);
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static String role;
  private static String streamRole;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    try (IamClient iam = streambed.iam()) {
      role = iam.createRole(b -> b.roleName("java-role").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
          .role().arn();
      iam.attachRolePolicy(b -> b.roleName("java-role").policyArn(BASIC));
      streamRole = iam.createRole(b -> b.roleName("java-stream-role")
          .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
      iam.attachRolePolicy(b -> b.roleName("java-stream-role").policyArn(STREAM_ROLE));
    }
  }

  @AfterAll
  static void stop() {
    lambda.close();
    streambed.close();
  }

  private static String function(String name, String mode, String handler, int timeout) {
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).role(role).handler(handler)
        .timeout(timeout).memorySize(512).environment(e -> e.variables(Map.of("STREAMBED_JAVA_RUNTIME", mode)))
        .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE))));
    return name;
  }

  private static InvokeResponse invoke(String name, String event) {
    return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)));
  }

  private static String tail(InvokeResponse r) {
    return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
  }

  private static List<String> logLines(String name) {
    try (CloudWatchLogsClient logs = streambed.logs()) {
      String group = "/aws/lambda/" + name;
      String stream = logs.describeLogStreams(b -> b.logGroupName(group)).logStreams().get(0).logStreamName();
      return logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true)).events()
          .stream().map(OutputLogEvent::message).toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"process", "in-process"})
  void aJavaFunctionAnswersAndItsLinesReachCloudWatchLogs(String mode) {
    String name = function("greeter-" + mode, mode, "example.Greeter", 30);
    InvokeResponse r = invoke(name, "{\"name\": \"Ada\"}");
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(r.payload().asUtf8String()).isEqualTo("\"Hello, Ada\"");
    assertThat(r.executedVersion()).isEqualTo("$LATEST");

    String arn = lambda.getFunction(b -> b.functionName(name)).configuration().runtimeVersionConfig().runtimeVersionArn();
    List<String> lines = logLines(name);
    assertThat(lines.get(0)).isEqualTo("INIT_START Runtime Version: java:21.v1\tRuntime Version ARN: " + arn + "\n");
    assertThat(lines.get(1)).isEqualTo("Greeter loaded\n");
    assertThat(lines.get(2)).matches("START RequestId: [0-9a-f-]{36} Version: \\$LATEST\n");
    // Standard output and the context's logger reach the logs by two ways (a pipe, and the
    // runtime's framed log channel), as on AWS, so their lines may come in either order.
    assertThat(lines.subList(3, 5)).containsExactlyInAnyOrder("greeting Ada\n", "logged by " + name + "\nin two lines");
    assertThat(lines.get(5)).isEqualTo(lines.get(2).replace("START", "END").replace(" Version: $LATEST", ""));
    assertThat(lines.get(6)).matches("REPORT RequestId: [0-9a-f-]{36}\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: "
        + "\\d+ ms\tMemory Size: 512 MB\tMax Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms\t\n");
    assertThat(lines).hasSize(7);

    InvokeResponse warm = invoke(name, "{\"name\": \"Grace\"}");
    assertThat(warm.payload().asUtf8String()).isEqualTo("\"Hello, Grace\"");
    assertThat(tail(warm)).startsWith("START RequestId: ").contains("\ngreeting Grace\n")
        .doesNotContain("INIT_START").doesNotContain("Init Duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"process", "in-process"})
  void aThrowingHandlerAnswersWithAwsJavaErrorPayload(String mode) throws Exception {
    String name = function("thrower-" + mode, mode, "example.Greeter::handleRequest", 30);
    InvokeResponse r = invoke(name, "{}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = JSON.readTree(r.payload().asUtf8String());
    assertThat(error.get("errorMessage").asText()).isEqualTo("no name given");
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(error.get("stackTrace").isArray()).isTrue();
    assertThat(error.get("stackTrace").get(0).asText()).startsWith("example.Greeter.handleRequest(Greeter.java:");
    assertThat(tail(r)).contains("no name given: java.lang.IllegalArgumentException\n"
        + "java.lang.IllegalArgumentException: no name given\n\tat example.Greeter.handleRequest(Greeter.java:");
    assertThat(logLines(name)).anyMatch(l -> l.startsWith("no name given: java.lang.IllegalArgumentException\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"process", "in-process"})
  void aHandlerPastItsTimeoutEndsWithAwsMessage(String mode) {
    String name = function("sleeper-" + mode, mode, "example.Greeter", 1);
    InvokeResponse first = invoke(name, "{\"name\": \"warm\", \"sleep\": 100}");
    assertThat(first.functionError()).isNull();
    // A cold start's Duration is the handler's time alone; Billed Duration adds the init.
    java.util.regex.Matcher report = java.util.regex.Pattern.compile("Duration: (\\d+\\.\\d\\d) ms\tBilled Duration: "
        + "(\\d+) ms\t.*Init Duration: (\\d+\\.\\d\\d) ms").matcher(tail(first));
    assertThat(report.find()).isTrue();
    assertThat(Double.parseDouble(report.group(1))).isGreaterThanOrEqualTo(100.0);
    assertThat(Long.parseLong(report.group(2))).isCloseTo(
        (long) Math.ceil(Double.parseDouble(report.group(1)) + Double.parseDouble(report.group(3))),
        org.assertj.core.data.Offset.offset(1L));
    InvokeResponse r = invoke(name, "{\"name\": \"late\", \"sleep\": 30000}");
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String()).matches("\\{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":"
        + "\"RequestId: [0-9a-f-]{36} Error: Task timed out after 1.00 seconds\"}");
    assertThat(tail(r)).containsPattern("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z [0-9a-f-]{36} Task timed out after 1.00 seconds");
    // The timed-out environment is gone: the next invocation starts a new one.
    assertThat(tail(invoke(name, "{\"name\": \"again\"}"))).contains("Init Duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"process", "in-process"})
  void streamAndPlainObjectHandlers(String mode) throws Exception {
    String upper = function("upper-" + mode, mode, "example.Upper", 30);
    assertThat(invoke(upper, "{\"word\": \"quiet\"}").payload().asUtf8String()).isEqualTo("{\"WORD\": \"QUIET\"}");

    String orders = function("orders-" + mode, mode, "example.Orders::total", 30);
    InvokeResponse r = invoke(orders, "{\"id\": \"o-1\", \"lines\": [{\"item\": \"tea\", \"quantity\": 2, "
        + "\"price\": 1.5}, {\"item\": \"cake\", \"quantity\": 1, \"price\": 3.25}]}");
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(JSON.readTree(r.payload().asUtf8String()))
        .isEqualTo(JSON.readTree("{\"orderId\": \"o-1\", \"amount\": 6.25, \"items\": 3}"));

    String missing = function("missing-" + mode, mode, "example.Nowhere::handle", 30);
    InvokeResponse m = invoke(missing, "{}");
    assertThat(m.functionError()).isEqualTo("Unhandled");
    assertThat(JSON.readTree(m.payload().asUtf8String())).isEqualTo(JSON.readTree(
        "{\"errorMessage\": \"Class not found: example.Nowhere\", \"errorType\": \"java.lang.ClassNotFoundException\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"process", "in-process"})
  void aDynamodbEventArrivesThroughAnEventSourceMapping(String mode) throws Exception {
    String table = "Messages-" + mode;
    String name = "records-" + mode;
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(streamRole)
        .handler("example.StreamRecords::handle").timeout(30)
        .environment(e -> e.variables(Map.of("STREAMBED_JAVA_RUNTIME", mode)))
        .code(c -> c.zipFile(SdkBytes.fromByteArray(CODE))));
    try (DynamoDbClient ddb = streambed.dynamoDb()) {
      String streamArn = ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
          .keySchema(k -> k.attributeName("id").keyType("HASH"))
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
          .tableDescription().latestStreamArn();
      lambda.createEventSourceMapping(b -> b.functionName(name).eventSourceArn(streamArn)
          .startingPosition(EventSourcePosition.TRIM_HORIZON).batchSize(10));
      GroupRef group = new GroupRef("000000000000", "us-east-1", "/aws/lambda/" + name);
      long seen = streambed.server().logs().watch().version(group);
      ddb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("m-1"),
          "Message", AttributeValue.fromS("New item!"))));
      streambed.server().logs().awaitEvents(group, seen, Duration.ofSeconds(60));
    }
    assertThat(logLines(name)).contains("INSERT aws:dynamodb m-1 Message=New item! NEW_AND_OLD_IMAGES\n");
  }

  @Test
  void inProcessFunctionsSideBySideEachReadTheirOwnEventClasses() {
    // AWS's serialization library, shared by in-process functions, caches classes by name: the
    // second function's DynamodbEvent must still get its mix-ins (Keys), not the first one's.
    String event = "{\"Records\": [{\"eventName\": \"REMOVE\", \"eventSource\": \"aws:dynamodb\", "
        + "\"dynamodb\": {\"Keys\": {\"id\": {\"S\": \"k-1\"}}, \"OldImage\": {\"id\": {\"S\": \"k-1\"}}, "
        + "\"StreamViewType\": \"NEW_AND_OLD_IMAGES\"}}]}";
    for (String name : List.of("side-1", "side-2")) {
      function(name, "in-process", "example.StreamRecords::handle", 30);
      InvokeResponse r = invoke(name, event);
      assertThat(r.functionError()).as(tail(r)).isNull();
      assertThat(tail(r)).contains("REMOVE aws:dynamodb k-1 Message=null NEW_AND_OLD_IMAGES");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"process", "in-process"})
  void aFunctionSeesItsOwnLibrariesAndTheLambdaApiButNoneOfStreambeds(String mode) throws Exception {
    String name = function("visible-" + mode, mode, "example.Visible::check", 30);
    InvokeResponse r = invoke(name, "[\"com.amazonaws.services.lambda.runtime.Context\", "
        + "\"com.amazonaws.services.lambda.runtime.events.DynamodbEvent\", \"org.joda.time.DateTime\", "
        + "\"dev.streambed.lambda.Functions\", \"io.netty.channel.Channel\", "
        + "\"com.fasterxml.jackson.databind.ObjectMapper\", \"software.amazon.awssdk.services.lambda.LambdaClient\"]");
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(JSON.readTree(r.payload().asUtf8String())).isEqualTo(JSON.readTree("{"
        + "\"com.amazonaws.services.lambda.runtime.Context\": true, "
        + "\"com.amazonaws.services.lambda.runtime.events.DynamodbEvent\": true, \"org.joda.time.DateTime\": true, "
        + "\"dev.streambed.lambda.Functions\": false, \"io.netty.channel.Channel\": false, "
        + "\"com.fasterxml.jackson.databind.ObjectMapper\": false, "
        + "\"software.amazon.awssdk.services.lambda.LambdaClient\": false}"));
  }

  @Test
  void theCliCreatesInvokesAndReadsTheLogsOfAJavaFunction(@TempDir Path dir) throws Exception {
    Path zip = dir.resolve("function.zip");
    Files.write(zip, CODE);
    AwsCli aws = new AwsCli(streambed.endpoint().toString());
    AwsCli.Result created = aws.run("lambda", "create-function", "--region", "us-east-1", "--function-name",
        "cli-java", "--runtime", "java21", "--handler", "example.Greeter::handleRequest", "--role", role,
        "--zip-file", "fileb://" + zip);
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(JSON.readTree(created.stdout()).get("Runtime").asText()).isEqualTo("java21");
    Path out = dir.resolve("out.json");
    AwsCli.Result invoked = aws.run("lambda", "invoke", "--region", "us-east-1", "--function-name", "cli-java",
        "--payload", "{\"name\": \"CLI\"}", out.toString());
    assertThat(invoked.exitCode()).as(invoked.stderr()).isZero();
    assertThat(JSON.readTree(invoked.stdout()).get("StatusCode").asInt()).isEqualTo(200);
    assertThat(Files.readString(out)).isEqualTo("\"Hello, CLI\"");
    AwsCli.Result logs = aws.run("logs", "filter-log-events", "--region", "us-east-1", "--log-group-name",
        "/aws/lambda/cli-java", "--filter-pattern", "greeting");
    assertThat(logs.exitCode()).as(logs.stderr()).isZero();
    assertThat(JSON.readTree(logs.stdout()).get("events").get(0).get("message").asText()).isEqualTo("greeting CLI\n");
  }

  @Test
  void aJavaProcessThatExitsIsARuntimeExitError() {
    String name = function("exiter", "process", "example.Greeter", 30);
    InvokeResponse r = invoke(name, "{\"name\": \"bye\", \"exit\": 3}");
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String()).matches("\\{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":"
        + "\"RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3\"}");
    assertThat(tail(r)).contains("greeting bye");
    assertThat(invoke(name, "{\"name\": \"again\"}").payload().asUtf8String()).isEqualTo("\"Hello, again\"");
  }
}
