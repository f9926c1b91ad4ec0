package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.logs.group.GroupRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The tutorial end to end through the SDK: a UsersPost table's stream, a Python function that
 * prints each record, its role refused until it has the DynamoDB execution policy, a trigger
 * with batch size 1 from LATEST, then an update, an insert and a delete whose records the
 * function logs to CloudWatch Logs: MODIFY with both images, INSERT with the new one, REMOVE
 * with the old one.
 */
class TutorialTest {
  private static Streambed streambed;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static Map<String, AttributeValue> post(String user, String id, String content) {
    return Map.of("user_id", AttributeValue.fromS(user), "post_id", AttributeValue.fromS(id),
        "post_content", AttributeValue.fromS(content));
  }

  @Test
  void updateInsertAndDeleteReachTheFunctionsLogs() throws Exception {
    try (DynamoDbClient ddb = streambed.dynamoDb(); IamClient iam = streambed.iam();
        LambdaClient lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
        CloudWatchLogsClient logs = streambed.logs()) {
      ddb.createTable(b -> b.tableName("UsersPost").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("user_id").attributeType(ScalarAttributeType.S),
              a -> a.attributeName("post_id").attributeType(ScalarAttributeType.S))
          .keySchema(k -> k.attributeName("user_id").keyType(KeyType.HASH),
              k -> k.attributeName("post_id").keyType(KeyType.RANGE)));
      ddb.putItem(b -> b.tableName("UsersPost").item(post("john", "1", "First post")));
      ddb.putItem(b -> b.tableName("UsersPost").item(post("john", "2", "Second post")));

      // Step 1: enable the stream with new and old images.
      String streamArn = ddb.updateTable(b -> b.tableName("UsersPost")
          .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
          .tableDescription().latestStreamArn();

      // Step 2: the function, with a new role with basic Lambda permissions.
      String role = iam.createRole(b -> b.roleName("LambdaDemoDynamoDBStream-role")
          .assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA)).role().arn();
      iam.attachRolePolicy(b -> b.roleName("LambdaDemoDynamoDBStream-role")
          .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
      lambda.createFunction(b -> b.functionName("LambdaDemoDynamoDBStream").runtime(Runtime.PYTHON3_12).role(role)
          .handler("lambda_function.lambda_handler")
          .code(c -> c.zipFile(SdkBytes.fromByteArray(
              LambdaFunctionsTest.zip("lambda_function.py", LambdaInvokeTest.STREAM_PROCESSOR)))));

      // Step 3: the trigger fails until the role may read the stream.
      assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.functionName("LambdaDemoDynamoDBStream")
          .eventSourceArn(streamArn).batchSize(1).startingPosition(EventSourcePosition.LATEST)))
          .isInstanceOf(InvalidParameterValueException.class)
          .hasMessageStartingWith("Cannot access stream " + streamArn);
      iam.attachRolePolicy(b -> b.roleName("LambdaDemoDynamoDBStream-role")
          .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"));
      String uuid = lambda.createEventSourceMapping(b -> b.functionName("LambdaDemoDynamoDBStream")
          .eventSourceArn(streamArn).batchSize(1).startingPosition(EventSourcePosition.LATEST)).uuid();

      // Step 4: update, insert, delete.
      GroupRef group = new GroupRef("000000000000", "us-east-1", "/aws/lambda/LambdaDemoDynamoDBStream");
      ddb.updateItem(b -> b.tableName("UsersPost")
          .key(Map.of("user_id", AttributeValue.fromS("john"), "post_id", AttributeValue.fromS("2")))
          .updateExpression("SET post_content = :c")
          .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("Second post, edited"))));
      ddb.putItem(b -> b.tableName("UsersPost").item(post("alice", "1", "Second post, edited")));
      ddb.deleteItem(b -> b.tableName("UsersPost")
          .key(Map.of("user_id", AttributeValue.fromS("alice"), "post_id", AttributeValue.fromS("1"))));

      // The function's output, as CloudWatch Logs shows it.
      List<String> messages = awaitLines(logs, group, 3);
      List<String> events = messages.stream().filter(m -> m.equals("INSERT\n") || m.equals("MODIFY\n")
          || m.equals("REMOVE\n")).toList();
      assertThat(events).containsExactly("MODIFY\n", "INSERT\n", "REMOVE\n");
      // Python's print of an indented JSON writes several lines: each is a log event, as on AWS.
      String[] records = String.join("\n", messages).split("DynamoDB Record: ");
      records = java.util.Arrays.copyOfRange(records, 1, records.length);
      assertThat(records).hasSize(3);
      for (int i = 0; i < 3; i++) {
        records[i] = records[i].substring(0, records[i].indexOf("\nEND RequestId: "));
      }
      assertThat(records[0]).contains("\"OldImage\"").contains("\"NewImage\"").contains("Second post, edited")
          .contains("\"Second post\"");
      assertThat(records[1]).contains("\"NewImage\"").doesNotContain("\"OldImage\"").contains("alice");
      assertThat(records[2]).contains("\"OldImage\"").doesNotContain("\"NewImage\"").contains("alice");
      assertThat(messages).filteredOn(m -> m.startsWith("START RequestId: ")).hasSize(3);
      assertThat(messages).filteredOn(m -> m.startsWith("REPORT RequestId: ")).hasSize(3);
      assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()).isEqualTo("OK");

      // Step 5: disabling the trigger stops delivery.
      lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
      ddb.putItem(b -> b.tableName("UsersPost").item(post("bob", "1", "delivered once enabled")));
      assertThat(streambed.server().pollers().awaitQuiescent(Duration.ofSeconds(60))).isTrue();
      assertThat(logs.filterLogEvents(b -> b.logGroupName(group.name()).filterPattern("bob")).events()).isEmpty();

      // Enabled again, the trigger goes on from where it stopped: Bob's post arrives.
      lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
      List<String> resumed = awaitLines(logs, group, 4);
      assertThat(String.join("\n", resumed)).contains("delivered once enabled");
      assertThat(resumed.stream().filter(m -> m.equals("INSERT\n"))).hasSize(2);
    }
  }

  /** Waits (woken by each append, never sleeping) until the function has logged {@code invocations} REPORT lines. */
  static List<String> awaitLines(CloudWatchLogsClient logs, GroupRef group, int invocations) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    var watch = streambed.server().logs();
    while (true) {
      long seen = watch.watch().version(group);
      List<String> messages = new ArrayList<>();
      if (!logs.describeLogGroups(b -> b.logGroupNamePrefix(group.name())).logGroups().isEmpty()) {
        for (FilteredLogEvent e : logs.filterLogEvents(b -> b.logGroupName(group.name())).events()) {
          messages.add(e.message());
        }
      }
      if (messages.stream().filter(m -> m.startsWith("REPORT RequestId: ")).count() >= invocations) {
        return messages;
      }
      long left = deadline - System.nanoTime();
      assertThat(left).as("function's log lines so far: %s", messages).isPositive();
      watch.awaitEvents(group, seen, Duration.ofNanos(left));
    }
  }
}
