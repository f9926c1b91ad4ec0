package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.logs.group.GroupRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial from the AWS CLI alone, as a reader of it would type the commands: the table and
 * its stream, the role and its policies, the function from a zip, the trigger (refused, then
 * created), the three changes, and the function's output read with {@code aws logs}.
 */
class TutorialCliTest {
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

  private static JsonNode ok(String... args) throws Exception {
    AwsCli.Result r = aws.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
  }

  @Test
  void theTutorialFromTheCli(@TempDir Path dir) throws Exception {
    ok("dynamodb", "create-table", "--table-name", "UsersPost",
        "--attribute-definitions", "AttributeName=user_id,AttributeType=S", "AttributeName=post_id,AttributeType=S",
        "--key-schema", "AttributeName=user_id,KeyType=HASH", "AttributeName=post_id,KeyType=RANGE",
        "--billing-mode", "PAY_PER_REQUEST");
    ok("dynamodb", "put-item", "--table-name", "UsersPost", "--item",
        "{\"user_id\":{\"S\":\"john\"},\"post_id\":{\"S\":\"2\"},\"post_content\":{\"S\":\"Second post\"}}");
    String streamArn = ok("dynamodb", "update-table", "--table-name", "UsersPost", "--stream-specification",
        "StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES").at("/TableDescription/LatestStreamArn").asText();

    Path trust = Files.writeString(dir.resolve("trust.json"), LambdaFunctionsTest.TRUST_LAMBDA);
    String role = ok("iam", "create-role", "--role-name", "lambda-dynamodb-role",
        "--assume-role-policy-document", "file://" + trust).at("/Role/Arn").asText();
    ok("iam", "attach-role-policy", "--role-name", "lambda-dynamodb-role",
        "--policy-arn", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    Path zip = Files.write(dir.resolve("function.zip"),
        LambdaFunctionsTest.zip("lambda_function.py", LambdaInvokeTest.STREAM_PROCESSOR));
    JsonNode function = ok("lambda", "create-function", "--function-name", "LambdaDemoDynamoDBStream",
        "--runtime", "python3.12", "--handler", "lambda_function.lambda_handler", "--role", role,
        "--zip-file", "fileb://" + zip);
    assertThat(function.get("State").asText()).isEqualTo("Pending");
    ok("lambda", "wait", "function-active-v2", "--function-name", "LambdaDemoDynamoDBStream");

    AwsCli.Result refused = aws.run("lambda", "create-event-source-mapping", "--function-name",
        "LambdaDemoDynamoDBStream", "--event-source-arn", streamArn, "--batch-size", "1",
        "--starting-position", "LATEST");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("InvalidParameterValueException")
        .contains("Cannot access stream " + streamArn);
    ok("iam", "attach-role-policy", "--role-name", "lambda-dynamodb-role",
        "--policy-arn", "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole");
    assertThat(ok("iam", "list-attached-role-policies", "--role-name", "lambda-dynamodb-role")
        .get("AttachedPolicies")).hasSize(2);
    ok("lambda", "create-event-source-mapping", "--function-name", "LambdaDemoDynamoDBStream",
        "--event-source-arn", streamArn, "--batch-size", "1", "--starting-position", "LATEST");

    ok("dynamodb", "update-item", "--table-name", "UsersPost",
        "--key", "{\"user_id\":{\"S\":\"john\"},\"post_id\":{\"S\":\"2\"}}",
        "--update-expression", "SET post_content = :c",
        "--expression-attribute-values", "{\":c\":{\"S\":\"Second post, edited\"}}");
    ok("dynamodb", "put-item", "--table-name", "UsersPost", "--item",
        "{\"user_id\":{\"S\":\"alice\"},\"post_id\":{\"S\":\"1\"},\"post_content\":{\"S\":\"Second post, edited\"}}");
    ok("dynamodb", "delete-item", "--table-name", "UsersPost",
        "--key", "{\"user_id\":{\"S\":\"alice\"},\"post_id\":{\"S\":\"1\"}}");

    // The CLI signs for eu-west-1, so that is where the function and its logs live.
    GroupRef group = new GroupRef("000000000000", "eu-west-1", "/aws/lambda/LambdaDemoDynamoDBStream");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<String> names = new ArrayList<>();
    while (true) {
      long seen = streambed.server().logs().watch().version(group);
      names.clear();
      JsonNode filtered = ok("logs", "filter-log-events", "--log-group-name", "/aws/lambda/LambdaDemoDynamoDBStream",
          "--filter-pattern", "?INSERT ?MODIFY ?REMOVE");
      for (JsonNode e : filtered.get("events")) {
        names.add(e.get("message").asText());
      }
      if (names.size() >= 3 || System.nanoTime() > deadline) {
        break;
      }
      streambed.server().logs().awaitEvents(group, seen, Duration.ofSeconds(5));
    }
    assertThat(names).containsExactly("MODIFY\n", "INSERT\n", "REMOVE\n");
    JsonNode streams = ok("logs", "describe-log-streams", "--log-group-name", "/aws/lambda/LambdaDemoDynamoDBStream");
    String stream = streams.at("/logStreams/0/logStreamName").asText();
    JsonNode events = ok("logs", "get-log-events", "--log-group-name", "/aws/lambda/LambdaDemoDynamoDBStream",
        "--log-stream-name", stream, "--start-from-head");
    List<String> lines = new ArrayList<>();
    events.get("events").forEach(e -> lines.add(e.get("message").asText()));
    assertThat(lines).anyMatch(l -> l.startsWith("START RequestId: "))
        .anyMatch(l -> l.startsWith("DynamoDB Record: {"))
        .anyMatch(l -> l.startsWith("REPORT RequestId: "));
  }
}
