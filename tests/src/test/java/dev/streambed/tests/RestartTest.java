package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.logs.group.GroupRef;
import dev.streambed.server.Config;
import dev.streambed.server.StorageConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * {@code --data-dir}: everything a user made is there after a restart (tables, items, indexes,
 * streams with their records, roles and policies, functions with their code, triggers with their
 * positions, logs), sequence numbers go on growing, and the trigger resumes where it stopped.
 */
class RestartTest {
  private static final String HANDLER = String.join("\n",
      "def lambda_handler(event, context):",
      "    for r in event['Records']:",
      "        print('SEEN ' + r['dynamodb']['Keys']['id']['S'] + ' ' + r['dynamodb']['NewImage']['v']['N'])",
      "    return len(event['Records'])",
      "");

  private static Streambed start(Path dir) {
    return Streambed.start(Config.defaults().withStorage(StorageConfig.in(dir)), Clock.systemUTC());
  }

  private static Map<String, AttributeValue> item(String id, int v) {
    return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromN(Integer.toString(v)),
        "color", AttributeValue.fromS(v % 2 == 0 ? "red" : "blue"));
  }

  @Test
  void everythingIsThereAfterARestartAndTheTriggerResumes(@TempDir Path dir) throws Exception {
    TableDescription before;
    CreateFunctionResponse function;
    String mapping;
    List<String> recordsBefore;
    try (Streambed s = start(dir); DynamoDbClient ddb = s.dynamoDb(); IamClient iam = s.iam();
        LambdaClient lambda = LambdaFunctionsTest.lambda(s.endpoint()); CloudWatchLogsClient logs = s.logs()) {
      before = ddb.createTable(b -> b.tableName("kept").billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("id").attributeType("S"),
              a -> a.attributeName("color").attributeType("S"))
          .keySchema(k -> k.attributeName("id").keyType("HASH"))
          .globalSecondaryIndexes(g -> g.indexName("by-color").keySchema(k -> k.attributeName("color").keyType("HASH"))
              .projection(p -> p.projectionType(ProjectionType.ALL)))
          .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
          .tableDescription();
      ddb.putItem(b -> b.tableName("kept").item(item("k0", 0)));
      String role = iam.createRole(b -> b.roleName("kept-role").assumeRolePolicyDocument(LambdaFunctionsTest.TRUST_LAMBDA))
          .role().arn();
      iam.attachRolePolicy(b -> b.roleName("kept-role")
          .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"));
      function = lambda.createFunction(b -> b.functionName("kept-fn").runtime(Runtime.PYTHON3_12).role(role)
          .handler("lambda_function.lambda_handler")
          .code(c -> c.zipFile(SdkBytes.fromByteArray(LambdaFunctionsTest.zip("lambda_function.py", HANDLER)))));
      String streamArn = before.latestStreamArn();
      mapping = lambda.createEventSourceMapping(b -> b.functionName("kept-fn").eventSourceArn(streamArn)
          .startingPosition("TRIM_HORIZON").batchSize(10)).uuid();
      for (int i = 1; i <= 5; i++) {
        int v = i;
        ddb.putItem(b -> b.tableName("kept").item(item("k" + v, v)));
      }
      assertThat(seen(s, logs, 6)).containsExactlyInAnyOrder("k0 0", "k1 1", "k2 2", "k3 3", "k4 4", "k5 5");
      logs.putRetentionPolicy(b -> b.logGroupName("/aws/lambda/kept-fn").retentionInDays(7));
      recordsBefore = records(s.streams(), streamArn);
    }

    try (Streambed s = start(dir); DynamoDbClient ddb = s.dynamoDb(); IamClient iam = s.iam();
        LambdaClient lambda = LambdaFunctionsTest.lambda(s.endpoint()); CloudWatchLogsClient logs = s.logs();
        DynamoDbStreamsClient streams = s.streams()) {
      TableDescription after = ddb.describeTable(b -> b.tableName("kept")).table();
      assertThat(after.tableId()).isEqualTo(before.tableId());
      assertThat(after.tableArn()).isEqualTo(before.tableArn());
      assertThat(after.latestStreamArn()).isEqualTo(before.latestStreamArn());
      assertThat(ddb.getItem(b -> b.tableName("kept").key(Map.of("id", AttributeValue.fromS("k3")))).item())
          .isEqualTo(item("k3", 3));
      assertThat(ddb.query(b -> b.tableName("kept").indexName("by-color").keyConditionExpression("color = :c")
          .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("blue")))).count()).isEqualTo(3);

      // The stream's records are the same ones, and a new write takes a larger sequence number.
      assertThat(records(streams, after.latestStreamArn())).isEqualTo(recordsBefore);
      assertThat(iam.listAttachedRolePolicies(b -> b.roleName("kept-role")).attachedPolicies())
          .extracting(p -> p.policyName()).containsExactly("AWSLambdaDynamoDBExecutionRole");
      GetFunctionConfigurationResponse kept = lambda.getFunctionConfiguration(b -> b.functionName("kept-fn"));
      assertThat(kept.codeSha256()).isEqualTo(function.codeSha256());
      assertThat(kept.functionArn()).isEqualTo(function.functionArn());
      GetEventSourceMappingResponse m = lambda.getEventSourceMapping(b -> b.uuid(mapping));
      assertThat(m.state()).isEqualTo("Enabled");
      assertThat(m.batchSize()).isEqualTo(10);
      assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/lambda/kept-fn")).logGroups().get(0)
          .retentionInDays()).isEqualTo(7);

      ddb.putItem(b -> b.tableName("kept").item(item("k6", 6)));
      // The trigger goes on from its saved position: k6 is delivered, nothing before it again.
      assertThat(seen(s, logs, 7)).containsExactlyInAnyOrder("k0 0", "k1 1", "k2 2", "k3 3", "k4 4", "k5 5", "k6 6");
      List<String> now = records(streams, after.latestStreamArn());
      assertThat(now).hasSize(recordsBefore.size() + 1).startsWith(recordsBefore.toArray(new String[0]));
      assertThat(new java.math.BigInteger(now.get(now.size() - 1).split(" ")[0]))
          .isGreaterThan(new java.math.BigInteger(recordsBefore.get(recordsBefore.size() - 1).split(" ")[0]));
    }
  }

  /** Every record of the stream's shards, from the start: "SEQUENCE EVENT KEY". */
  private static List<String> records(DynamoDbStreamsClient streams, String arn) {
    List<String> out = new ArrayList<>();
    for (var shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
      String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (it != null) {
        String at = it;
        var page = streams.getRecords(b -> b.shardIterator(at));
        page.records().forEach(r -> out.add(r.dynamodb().sequenceNumber() + " " + r.eventNameAsString() + " "
            + r.dynamodb().keys().get("id").s()));
        it = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    return out;
  }

  private static List<String> records(Streambed s, String arn) {
    try (DynamoDbStreamsClient streams = s.streams()) {
      return records(streams, arn);
    }
  }

  /** The records the function logged, once {@code count} are there (woken by each append). */
  private static List<String> seen(Streambed s, CloudWatchLogsClient logs, int count) throws Exception {
    GroupRef group = new GroupRef("000000000000", "us-east-1", "/aws/lambda/kept-fn");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      long version = s.server().logs().watch().version(group);
      List<String> lines = lines(logs, group);
      if (lines.size() >= count) {
        // Give a duplicate, if any is coming, no chance to hide: once everything written was
        // handled (the function's lines are written before its batch is checkpointed), read again.
        assertThat(s.server().pollers().awaitQuiescent(Duration.ofSeconds(60))).isTrue();
        return lines(logs, group);
      }
      long left = deadline - System.nanoTime();
      assertThat(left).as("records logged so far: %s", lines).isPositive();
      s.server().logs().awaitEvents(group, version, Duration.ofNanos(left));
    }
  }

  private static List<String> lines(CloudWatchLogsClient logs, GroupRef group) {
    List<String> lines = new ArrayList<>();
    if (!logs.describeLogGroups(b -> b.logGroupNamePrefix(group.name())).logGroups().isEmpty()) {
      for (FilteredLogEvent e : logs.filterLogEvents(b -> b.logGroupName(group.name()).filterPattern("SEEN")).events()) {
        lines.add(e.message().substring("SEEN ".length()).strip());
      }
    }
    return lines;
  }
}
