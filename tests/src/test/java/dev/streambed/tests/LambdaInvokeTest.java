package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.logs.group.GroupRef;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Invoking Python functions through the SDK and the CLI: the result, AWS's error payload, the
 * log tail, the lines in CloudWatch Logs (only with the logs permissions), asynchronous and dry
 * runs, concurrency, and a function that calls DynamoDB through AWS_ENDPOINT_URL.
 */
class LambdaInvokeTest {
  static final String STREAM_PROCESSOR = String.join("\n",
      "import json",
      "",
      "def lambda_handler(event, context):",
      "    for record in event['Records']:",
      "        print(record['eventID'])",
      "        print(record['eventName'])",
      "        print('DynamoDB Record: ' + json.dumps(record['dynamodb'], indent=2))",
      "    return 'Successfully processed {} records.'.format(len(event['Records']))",
      "");
  static final String SAMPLE_EVENT = "{\"Records\":[{\"eventID\":\"1\",\"eventName\":\"INSERT\",\"dynamodb\":"
      + "{\"Keys\":{\"Id\":{\"N\":\"101\"}},\"NewImage\":{\"Message\":{\"S\":\"New item!\"},\"Id\":{\"N\":\"101\"}}}},"
      + "{\"eventID\":\"2\",\"eventName\":\"MODIFY\",\"dynamodb\":{\"Keys\":{\"Id\":{\"N\":\"101\"}}}},"
      + "{\"eventID\":\"3\",\"eventName\":\"REMOVE\",\"dynamodb\":{\"Keys\":{\"Id\":{\"N\":\"101\"}}}}]}";
  private static Streambed streambed;
  private static LambdaClient lambda;
  private static IamClient iam;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    iam = streambed.iam();
  }

  @AfterAll
  static void stop() {
    lambda.close();
    iam.close();
    streambed.close();
  }

  private static String role(String name, String... policies) {
    String arn = iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
        .role().arn();
    for (String p : policies) {
      iam.attachRolePolicy(b -> b.roleName(name).policyArn(p));
    }
    return arn;
  }

  private static void function(String name, String role, String code, int timeout) {
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(role).timeout(timeout)
        .handler("lambda_function.lambda_handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py", code)))));
  }

  private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

  @Test
  void theStreamProcessorAnswersAndItsLinesReachCloudWatchLogs() throws Exception {
    function("LambdaDemoDynamoDBStream", role("demo-role", BASIC), STREAM_PROCESSOR, 3);
    InvokeResponse r = lambda.invoke(b -> b.functionName("LambdaDemoDynamoDBStream").logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String(SAMPLE_EVENT)));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isNull();
    assertThat(r.executedVersion()).isEqualTo("$LATEST");
    assertThat(r.payload().asUtf8String()).isEqualTo("\"Successfully processed 3 records.\"");
    String tail = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    assertThat(tail).contains("START RequestId: ").contains(" Version: $LATEST")
        .contains("INSERT\n").contains("DynamoDB Record: {").contains("END RequestId: ")
        .contains("REPORT RequestId: ").contains("\tInit Duration: ");

    try (CloudWatchLogsClient logs = streambed.logs()) {
      var streams = logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/LambdaDemoDynamoDBStream")).logStreams();
      assertThat(streams).hasSize(1);
      assertThat(streams.get(0).logStreamName()).matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]{32}");
      List<String> messages = logs.getLogEvents(b -> b.logGroupName("/aws/lambda/LambdaDemoDynamoDBStream")
          .logStreamName(streams.get(0).logStreamName()).startFromHead(true)).events().stream()
          .map(OutputLogEvent::message).toList();
      // A cold start's first line names the runtime version; every line ends with its newline, as on AWS.
      String arn = lambda.getFunction(b -> b.functionName("LambdaDemoDynamoDBStream")).configuration()
          .runtimeVersionConfig().runtimeVersionArn();
      assertThat(messages.get(0)).isEqualTo("INIT_START Runtime Version: python:3.12.v1\tRuntime Version ARN: " + arn + "\n");
      assertThat(messages.get(1)).startsWith("START RequestId: ");
      assertThat(messages).contains("1\n", "INSERT\n", "2\n", "MODIFY\n", "3\n", "REMOVE\n");
      assertThat(messages).anyMatch(m -> m.startsWith("DynamoDB Record: {"));
      assertThat(messages.get(messages.size() - 2)).startsWith("END RequestId: ");
      assertThat(messages.get(messages.size() - 1)).startsWith("REPORT RequestId: ");
      var filtered = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/LambdaDemoDynamoDBStream")
          .filterPattern("MODIFY")).events();
      assertThat(filtered).extracting(e -> e.message()).contains("MODIFY\n");
    }
  }

  @Test
  void aNodeFunctionAnswersAndLogsAsAwsNodeRuntimeDoes() {
    String role = role("node-role", BASIC);
    lambda.createFunction(b -> b.functionName("node-fn").runtime(Runtime.NODEJS20_X).role(role)
        .handler("index.handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("index.js",
            "exports.handler = async (event) => { console.log('records', event.Records.length);"
                + " return `Successfully processed ${event.Records.length} records.`; };\n")))));
    InvokeResponse r = lambda.invoke(b -> b.functionName("node-fn").logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String(SAMPLE_EVENT)));
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(r.payload().asUtf8String()).isEqualTo("\"Successfully processed 3 records.\"");
    assertThat(new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8))
        .containsPattern("\\d{4}-\\d\\d-\\d\\dT[^\\t]+Z\\t[0-9a-f-]{36}\\tINFO\\trecords 3");
  }

  @Test
  void aFailingHandlerAnswersWithAwsErrorPayload() {
    function("failing", role("failing-role", BASIC),
        "def lambda_handler(event, context):\n    raise ValueError('bad input')\n", 3);
    InvokeResponse r = lambda.invoke(b -> b.functionName("failing").payload(SdkBytes.fromUtf8String("{}")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String()).contains("\"errorMessage\": \"bad input\"")
        .contains("\"errorType\": \"ValueError\"").contains("\"stackTrace\": [");
  }

  @Test
  void aRoleWithoutTheLogsActionsLosesTheOutput() {
    function("unlogged", role("unlogged-role"), "def lambda_handler(event, context):\n    print('lost')\n    return 1\n", 3);
    assertThat(lambda.invoke(b -> b.functionName("unlogged")).payload().asUtf8String()).isEqualTo("1");
    try (CloudWatchLogsClient logs = streambed.logs()) {
      assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/lambda/unlogged")).logGroups()).isEmpty();
    }
  }

  @Test
  void eventAndDryRunInvocations() throws Exception {
    function("async", role("async-role", BASIC), "def lambda_handler(event, context):\n    print('async', event['n'])\n", 3);
    assertThat(lambda.invoke(b -> b.functionName("async").invocationType(InvocationType.DRY_RUN)).statusCode()).isEqualTo(204);
    GroupRef group = new GroupRef("000000000000", "us-east-1", "/aws/lambda/async");
    long seen = streambed.server().logs().watch().version(group);
    InvokeResponse r = lambda.invoke(b -> b.functionName("async").invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String("{\"n\": 7}")));
    assertThat(r.statusCode()).isEqualTo(202);
    streambed.server().logs().awaitEvents(group, seen, Duration.ofSeconds(20));
    try (CloudWatchLogsClient logs = streambed.logs()) {
      assertThat(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/async")).events())
          .extracting(e -> e.message()).contains("async 7\n");
    }
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("async").payload(SdkBytes.fromUtf8String("{not json"))))
        .isInstanceOf(InvalidRequestContentException.class)
        .hasMessageStartingWith("Could not parse request body into json");
  }

  @Test
  void reservedConcurrencyOfZeroThrottles() {
    function("throttled", role("throttled-role", BASIC), "def lambda_handler(event, context):\n    return 1\n", 3);
    lambda.putFunctionConcurrency(b -> b.functionName("throttled").reservedConcurrentExecutions(0));
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("throttled")))
        .isInstanceOf(TooManyRequestsException.class)
        .hasMessageStartingWith("Rate Exceeded.")
        .satisfies(e -> assertThat(((TooManyRequestsException) e).statusCode()).isEqualTo(429));
  }

  @Test
  void aFunctionCallsDynamoDbThroughTheEndpointItIsGiven() {
    try (DynamoDbClient ddb = streambed.dynamoDb()) {
      ddb.createTable(b -> b.tableName("written_by_lambda")
          .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
          .keySchema(k -> k.attributeName("id").keyType("HASH")));
      function("writer", role("writer-role", BASIC), String.join("\n",
          "import boto3",
          "",
          "def lambda_handler(event, context):",
          "    boto3.client('dynamodb').put_item(TableName='written_by_lambda',",
          "        Item={'id': {'S': event['id']}, 'by': {'S': context.function_name}})",
          "    return 'ok'",
          ""), 30);
      InvokeResponse r = lambda.invoke(b -> b.functionName("writer").payload(SdkBytes.fromUtf8String("{\"id\": \"x1\"}")));
      assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
      assertThat(ddb.getItem(b -> b.tableName("written_by_lambda").key(Map.of("id", AttributeValue.fromS("x1"))))
          .item().get("by").s()).isEqualTo("writer");
    }
  }

  /**
   * Invocations answer when their function returns, while the function itself calls Streambed:
   * however many invocations wait at once, every function's own requests are served. (More
   * waiting invocations than the server has network threads would otherwise leave no thread to
   * read the functions' requests.)
   */
  @Test
  void functionsCallingStreambedAreServedWhileManyInvocationsWait() throws Exception {
    try (var ddb = streambed.dynamoDb()) {
      ddb.createTable(b -> b.tableName("read_by_lambdas")
          .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
          .keySchema(k -> k.attributeName("id").keyType("HASH")));
      ddb.putItem(b -> b.tableName("read_by_lambdas").item(Map.of("id", AttributeValue.fromS("answer"),
          "value", AttributeValue.fromS("42"))));
    }
    function("reader", role("reader-role", BASIC, "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"),
        String.join("\n",
            "import boto3",
            "",
            "def lambda_handler(event, context):",
            "    item = boto3.client('dynamodb').get_item(TableName='read_by_lambdas',",
            "        Key={'id': {'S': 'answer'}})['Item']",
            "    return item['value']['S'] + ' for ' + event['caller']",
            ""), 20);
    int callers = 2 * java.lang.Runtime.getRuntime().availableProcessors() + 2;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
    try {
      List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String caller = "caller-" + i;
        answers.add(pool.submit(() -> {
          try (LambdaClient own = LambdaFunctionsTest.lambda(streambed.endpoint())) {
            InvokeResponse r = own.invoke(b -> b.functionName("reader")
                .payload(SdkBytes.fromUtf8String("{\"caller\": \"" + caller + "\"}")));
            return (r.functionError() == null ? "" : r.functionError() + ": ") + r.payload().asUtf8String();
          }
        }));
      }
      for (int i = 0; i < callers; i++) {
        assertThat(answers.get(i).get()).isEqualTo("\"42 for caller-" + i + "\"");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theCliInvokesAndPrintsTheLogTail(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    function("cli-fn", role("cli-role", BASIC), "def lambda_handler(event, context):\n    print('from the cli')\n"
        + "    return {'echo': event}\n", 3);
    AwsCli aws = new AwsCli(streambed.endpoint().toString());
    Path out = dir.resolve("out.json");
    AwsCli.Result r = aws.run("lambda", "invoke", "--region", "us-east-1", "--function-name", "cli-fn",
        "--payload", "{\"a\": 1}", "--log-type", "Tail", out.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    var answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
    assertThat(answer.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(new String(Base64.getDecoder().decode(answer.get("LogResult").asText()), StandardCharsets.UTF_8))
        .contains("from the cli");
    assertThat(Files.readString(out)).isEqualTo("{\"echo\": {\"a\": 1}}");
  }

  @Test
  void aQualifierInvokesAVersionOrAnAlias() {
    function("versioned", role("versioned-role", BASIC), "def lambda_handler(event, context):\n"
        + "    return 'one ' + context.function_version\n", 3);
    String v1 = lambda.publishVersion(b -> b.functionName("versioned")).version();
    lambda.updateFunctionCode(b -> b.functionName("versioned").zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip(
        "lambda_function.py", "def lambda_handler(event, context):\n    return 'two ' + context.function_version\n"))));
    lambda.createAlias(b -> b.functionName("versioned").name("live").functionVersion(v1));

    InvokeResponse byVersion = lambda.invoke(b -> b.functionName("versioned").qualifier(v1).logType(LogType.TAIL));
    assertThat(byVersion.payload().asUtf8String()).isEqualTo("\"one 1\"");
    assertThat(byVersion.executedVersion()).isEqualTo("1");
    assertThat(new String(Base64.getDecoder().decode(byVersion.logResult()), StandardCharsets.UTF_8))
        .containsPattern("START RequestId: [0-9a-f-]{36} Version: 1\n");
    InvokeResponse byAlias = lambda.invoke(b -> b.functionName("versioned").qualifier("live"));
    assertThat(byAlias.payload().asUtf8String()).isEqualTo("\"one 1\"");
    assertThat(byAlias.executedVersion()).isEqualTo("1");
    InvokeResponse latest = lambda.invoke(b -> b.functionName("versioned"));
    assertThat(latest.payload().asUtf8String()).isEqualTo("\"two $LATEST\"");
    assertThat(latest.executedVersion()).isEqualTo("$LATEST");
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("versioned").qualifier("7")))
        .isInstanceOf(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class);
  }

  @Test
  void payloadsOverLambdaLimitsAreRefusedWithItsMessages() {
    function("limits", role("limits-role", BASIC), "def lambda_handler(event, context):\n    return len(event)\n", 3);
    String sync = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("limits").payload(SdkBytes.fromUtf8String(sync))))
        .isInstanceOfSatisfying(software.amazon.awssdk.services.lambda.model.LambdaException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(413);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
        });
    String async = "\"" + "x".repeat(256 * 1024) + "\"";
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("limits").invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String(async))))
        .isInstanceOfSatisfying(software.amazon.awssdk.services.lambda.model.LambdaException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(413);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo((256 * 1024 + 2) + " byte payload is too large for the Event invocation type (limit 262144 bytes)");
        });
    // Just under the limits is accepted.
    String fits = "\"" + "x".repeat(256 * 1024 - 2) + "\"";
    assertThat(lambda.invoke(b -> b.functionName("limits").invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String(fits))).statusCode()).isEqualTo(202);
    assertThat(lambda.invoke(b -> b.functionName("limits").payload(SdkBytes.fromUtf8String(fits)))
        .payload().asUtf8String()).isEqualTo(Integer.toString(256 * 1024 - 2));
  }

  @Test
  void aProvidedRuntimeFunctionThroughTheSdk() {
    String bootstrap = "#!/bin/sh\n"
        + "API=http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime\n"
        + "while true; do\n"
        + "  H=$(mktemp)\n"
        + "  EVENT=$(curl -s -D $H $API/invocation/next)\n"
        + "  ID=$(grep -i Lambda-Runtime-Aws-Request-Id $H | tr -d '\\r' | cut -d' ' -f2)\n"
        + "  echo \"custom runtime got $EVENT\"\n"
        + "  curl -s -X POST -d \"{\\\"echo\\\": $EVENT}\" $API/invocation/$ID/response >/dev/null\n"
        + "  echo \"after the answer\"\n"
        + "done\n";
    String role = role("provided-role", BASIC);
    lambda.createFunction(b -> b.functionName("custom").runtime(Runtime.PROVIDED_AL2023).role(role).handler("any")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("bootstrap", bootstrap)))));
    InvokeResponse r = lambda.invoke(b -> b.functionName("custom").logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String("{\"a\": 1}")));
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(r.payload().asUtf8String()).isEqualTo("{\"echo\": {\"a\": 1}}");
    String tail = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
    // The tail starts at START: AWS's tails leave out the environment's INIT_START.
    assertThat(tail).startsWith("START RequestId: ").doesNotContain("INIT_START")
        .contains("custom runtime got {\"a\": 1}\nafter the answer\nEND RequestId: ");
    InvokeResponse again = lambda.invoke(b -> b.functionName("custom").logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String("[2]")));
    assertThat(new String(Base64.getDecoder().decode(again.logResult()), StandardCharsets.UTF_8))
        .contains("custom runtime got [2]\nafter the answer\nEND RequestId: ").doesNotContain("{\"a\": 1}");
  }

  @Test
  void aProcessThatCrashesIsARuntimeExitError() {
    function("crasher", role("crasher-role", BASIC), "import os\n\ndef lambda_handler(event, context):\n"
        + "    print('about to go')\n    os._exit(event['code'])\n", 3);
    InvokeResponse r = lambda.invoke(b -> b.functionName("crasher").logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String("{\"code\": 2}")));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String()).matches("\\{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":"
        + "\"RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 2\"}");
    assertThat(new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8)).contains("about to go");
    InvokeResponse quiet = lambda.invoke(b -> b.functionName("crasher").payload(SdkBytes.fromUtf8String("{\"code\": 0}")));
    assertThat(quiet.payload().asUtf8String()).matches("\\{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":"
        + "\"RequestId: [0-9a-f-]{36} Error: Runtime exited without providing a reason\"}");
  }

  @Test
  void aRuntimeThisMachineCannotRunFailsClearly() {
    String role = role("ruby-role", BASIC);
    lambda.createFunction(b -> b.functionName("ruby-fn").runtime(Runtime.RUBY3_3).role(role).handler("function.handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("function.rb", "def handler(event:, context:) end\n")))));
    InvokeResponse r = lambda.invoke(b -> b.functionName("ruby-fn"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(r.payload().asUtf8String()).matches("\\{\"errorType\":\"Runtime.Unavailable\",\"errorMessage\":"
        + "\"RequestId: [0-9a-f-]{36} Error: the ruby3.3 runtime could not start: Streambed does not run ruby3.3 functions yet\"}");
  }
}
