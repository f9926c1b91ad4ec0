package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.time.MutableClock;
import dev.streambed.server.Config;
import dev.streambed.server.StreambedServer;
import dev.streambed.storage.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A server reset behind its front door (what the embedded API's reset does): every service empty,
 * the port and the clients' open connections kept; a reset to saved entries serves them again.
 * And a moved clock's time on the lines functions log.
 */
class ServerResetTest {
  private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

  private static void table(DynamoDbClient ddb, String name) {
    ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
        .keySchema(k -> k.attributeName("id").keyType("HASH")));
  }

  private static void function(IamClient iam, LambdaClient lambda, String name) {
    String role = iam.createRole(b -> b.roleName(name + "-role").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
        .role().arn();
    iam.attachRolePolicy(b -> b.roleName(name + "-role").policyArn(BASIC));
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(role)
        .handler("lambda_function.lambda_handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py",
            "def lambda_handler(event, context):\n    print('hello from', context.function_name)\n    return 1\n")))));
  }

  @Test
  void aResetEmptiesEveryServiceAndKeepsThePortAndTheClients() {
    try (Streambed streambed = Streambed.start()) {
      StreambedServer server = streambed.server();
      try (DynamoDbClient ddb = streambed.dynamoDb(); IamClient iam = streambed.iam();
           LambdaClient lambda = LambdaFunctionsTest.lambda(streambed.endpoint()); SqsClient sqs = streambed.sqs();
           CloudWatchLogsClient logs = streambed.logs()) {
        table(ddb, "Orders");
        function(iam, lambda, "greeter");
        lambda.invoke(b -> b.functionName("greeter"));
        sqs.createQueue(b -> b.queueName("jobs"));
        assertThat(logs.describeLogGroups().logGroups()).isNotEmpty();

        StreambedServer next = server.reset(List.of());
        try {
          assertThat(next.port()).isEqualTo(server.port());
          assertThat(ddb.listTables().tableNames()).isEmpty();
          assertThat(lambda.listFunctions().functions()).isEmpty();
          assertThat(iam.listRoles().roles()).isEmpty();
          assertThat(sqs.listQueues().queueUrls()).isEmpty();
          assertThat(logs.describeLogGroups().logGroups()).isEmpty();
          // The same clients, on their same connections, serve the new services.
          table(ddb, "Orders");
          assertThat(ddb.listTables().tableNames()).containsExactly("Orders");
        } finally {
          next.close();
        }
      }
    }
  }

  @Test
  void aResetToSavedEntriesServesThemAgain() {
    try (Streambed streambed = Streambed.start()) {
      try (DynamoDbClient ddb = streambed.dynamoDb()) {
        table(ddb, "Orders");
        ddb.putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS("kept"))));
        List<Entry> saved = streambed.server().entries();
        ddb.putItem(b -> b.tableName("Orders").item(Map.of("id", AttributeValue.fromS("dropped"))));
        table(ddb, "Later");

        StreambedServer next = streambed.server().reset(saved);
        try {
          assertThat(ddb.listTables().tableNames()).containsExactly("Orders");
          assertThat(ddb.scan(b -> b.tableName("Orders")).items())
              .containsExactly(Map.of("id", AttributeValue.fromS("kept")));
        } finally {
          next.close();
        }
      }
    }
  }

  @Test
  void aFunctionsLinesAreLoggedAtTheTimeOfAMovedClock() {
    MutableClock clock = new MutableClock(Instant.now());
    try (Streambed streambed = Streambed.start(clock)) {
      // Weeks ahead of the machine: PutLogEvents skips events over 14 days older than its clock.
      clock.advance(Duration.ofDays(20));
      try (IamClient iam = streambed.iam(); LambdaClient lambda = LambdaFunctionsTest.lambda(streambed.endpoint());
           CloudWatchLogsClient logs = streambed.logs()) {
        function(iam, lambda, "later");
        lambda.invoke(b -> b.functionName("later"));
        List<OutputLogEvent> events = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/later")).events().stream()
            .map(e -> OutputLogEvent.builder().message(e.message()).timestamp(e.timestamp()).build()).toList();
        assertThat(events).extracting(OutputLogEvent::message).contains("hello from later\n");
        assertThat(events).allSatisfy(e -> assertThat(e.timestamp())
            .isBetween(clock.millis() - Duration.ofMinutes(5).toMillis(), clock.millis()));
        String stream = logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/later")).logStreams().get(0).logStreamName();
        assertThat(stream).startsWith(java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd")
            .withZone(java.time.ZoneOffset.UTC).format(clock.instant()));
      }
    }
  }
}
