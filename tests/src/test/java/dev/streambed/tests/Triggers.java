package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.logs.group.GroupRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * What the trigger tests share: a table with a stream, a role with the DynamoDB execution
 * policy, Python functions that print each event they receive as one log line
 * ({@code EVENT {...}}), and waits, woken by CloudWatch Logs and by the pollers, never sleeping,
 * for what the functions received.
 */
final class Triggers implements AutoCloseable {
  /** The error a Lambda SDK call ends with; the call must be refused. */
  static software.amazon.awssdk.services.lambda.model.LambdaException refusal(Runnable call) {
    try {
      call.run();
    } catch (software.amazon.awssdk.services.lambda.model.LambdaException e) {
      return e;
    }
    throw new AssertionError("the call was not refused");
  }

  static final String ROLE = "trigger-role";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  final Streambed streambed;
  final DynamoDbClient ddb;
  final LambdaClient lambda;
  final IamClient iam;
  final CloudWatchLogsClient logs;
  final String role;

  Triggers(Streambed streambed) {
    this.streambed = streambed;
    this.ddb = streambed.dynamoDb();
    this.lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
    this.iam = streambed.iam();
    this.logs = streambed.logs();
    String existing;
    try {
      existing = iam.getRole(b -> b.roleName(ROLE)).role().arn();
    } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException e) {
      existing = iam.createRole(b -> b.roleName(ROLE).assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
          .role().arn();
      iam.attachRolePolicy(b -> b.roleName(ROLE)
          .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"));
    }
    this.role = existing;
  }

  /** A table keyed by the string {@code id}, with a stream of the given view; returns the stream's ARN. */
  String table(String name, StreamViewType view) {
    return ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(view)))
        .tableDescription().latestStreamArn();
  }

  /** Python that prints the event it receives, then runs {@code body} (which may return). */
  static String recorder(String body) {
    return String.join("\n",
        "import json, os, time",
        "",
        "def lambda_handler(event, context):",
        "    print('EVENT ' + json.dumps(event))",
        body.isEmpty() ? "    return {}" : body,
        "");
  }

  /** A Python function printing its events and answering {@code {}}. */
  void function(String name) {
    function(name, recorder(""), Map.of(), 3);
  }

  void function(String name, String code, Map<String, String> environment, int timeoutSeconds) {
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(role)
        .handler("lambda_function.lambda_handler").timeout(timeoutSeconds)
        .environment(e -> e.variables(environment))
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py", code)))));
  }

  static Map<String, AttributeValue> item(String id, Object... attributes) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", AttributeValue.fromS(id));
    for (int i = 0; i < attributes.length; i += 2) {
      Object v = attributes[i + 1];
      item.put((String) attributes[i], v instanceof AttributeValue a ? a
          : v instanceof Number n ? AttributeValue.fromN(n.toString()) : AttributeValue.fromS(v.toString()));
    }
    return item;
  }

  void put(String table, Map<String, AttributeValue> item) {
    ddb.putItem(b -> b.tableName(table).item(item));
  }

  void delete(String table, String id) {
    ddb.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
  }

  private static GroupRef group(String function) {
    return new GroupRef("000000000000", "us-east-1", "/aws/lambda/" + function);
  }

  /** Every event the function has printed so far, in the order CloudWatch Logs lists them. */
  List<JsonNode> events(String function) {
    return lines(function, "EVENT ");
  }

  /** The log lines of a function starting with {@code prefix}, without it, parsed as JSON. */
  List<JsonNode> lines(String function, String prefix) {
    List<JsonNode> out = new ArrayList<>();
    for (String m : messages(function, "\"" + prefix.trim() + "\"")) {
      if (m.startsWith(prefix)) {
        try {
          out.add(JSON.readTree(m.substring(prefix.length())));
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }
    }
    return out;
  }

  /** Every line the function's invocations logged, in the order CloudWatch Logs lists them. */
  List<String> messages(String function) {
    return messages(function, null);
  }

  private List<String> messages(String function, String filterPattern) {
    List<String> out = new ArrayList<>();
    if (logs.describeLogGroups(b -> b.logGroupNamePrefix(group(function).name())).logGroups().isEmpty()) {
      return out;
    }
    String token = null;
    do {
      String next = token;
      FilterLogEventsResponse page = logs.filterLogEvents(b -> b.logGroupName(group(function).name())
          .filterPattern(filterPattern).nextToken(next));
      page.events().stream().map(FilteredLogEvent::message).forEach(out::add);
      token = page.nextToken();
    } while (token != null);
    return out;
  }

  /** Waits, woken by each append to the function's log group, until it printed {@code count} events. */
  List<JsonNode> awaitEvents(String function, int count) throws InterruptedException {
    return awaitLines(function, "EVENT ", count);
  }

  List<JsonNode> awaitLines(String function, String prefix, int count) throws InterruptedException {
    return awaitLines(function, prefix, lines -> lines.size() >= count, "at least " + count);
  }

  /** Waits, woken by each append to the function's log group, until its events satisfy {@code until}. */
  List<JsonNode> awaitEvents(String function, Predicate<List<JsonNode>> until, String what)
      throws InterruptedException {
    return awaitLines(function, "EVENT ", until, what);
  }

  private List<JsonNode> awaitLines(String function, String prefix, Predicate<List<JsonNode>> until, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    var watch = streambed.server().logs();
    while (true) {
      long seen = watch.watch().version(group(function));
      List<JsonNode> lines = lines(function, prefix);
      if (until.test(lines)) {
        return lines;
      }
      long left = deadline - System.nanoTime();
      assertThat(left).as("%s printed %d '%s' lines, waiting for %s: %s", function, lines.size(), prefix, what, lines)
          .isPositive();
      watch.awaitEvents(group(function), seen, Duration.ofNanos(left));
    }
  }

  /** Waits until the mappings have handled every record written so far. */
  void awaitQuiet() throws InterruptedException {
    assertThat(streambed.server().pollers().awaitQuiescent(PATIENCE)).as("the mappings caught up").isTrue();
  }

  /** The records of the events, flattened. */
  static List<JsonNode> records(List<JsonNode> events) {
    List<JsonNode> out = new ArrayList<>();
    events.forEach(e -> e.get("Records").forEach(out::add));
    return out;
  }

  /** The {@code id} of each record's key, in order. */
  static List<String> ids(List<JsonNode> events) {
    return records(events).stream().map(r -> r.at("/dynamodb/Keys/id/S").asText()).toList();
  }

  @Override
  public void close() {
    ddb.close();
    lambda.close();
    iam.close();
    logs.close();
  }
}
