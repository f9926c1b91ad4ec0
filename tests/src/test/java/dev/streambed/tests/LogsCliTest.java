package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tutorial's CloudWatch Logs commands through the AWS CLI. */
class LogsCliTest {
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
  void tutorialLogCommands() throws Exception {
    ok(aws.run("logs", "create-log-group", "--log-group-name", "/aws/lambda/publishNewBark"));
    ok(aws.run("logs", "create-log-stream", "--log-group-name", "/aws/lambda/publishNewBark",
        "--log-stream-name", "2026/03/01/[$LATEST]0123456789abcdef0123456789abcdef"));
    long now = System.currentTimeMillis();
    JsonNode put = ok(aws.run("logs", "put-log-events", "--log-group-name", "/aws/lambda/publishNewBark",
        "--log-stream-name", "2026/03/01/[$LATEST]0123456789abcdef0123456789abcdef",
        "--log-events", "timestamp=" + now + ",message=Hello", "timestamp=" + (now + 1) + ",message=ERROR boom"));
    assertThat(put.get("nextSequenceToken").asText()).matches("\\d{56}");

    JsonNode got = ok(aws.run("logs", "get-log-events", "--log-group-name", "/aws/lambda/publishNewBark",
        "--log-stream-name", "2026/03/01/[$LATEST]0123456789abcdef0123456789abcdef", "--start-from-head"));
    assertThat(got.at("/events/0/message").asText()).isEqualTo("Hello");
    assertThat(got.at("/events/1/message").asText()).isEqualTo("ERROR boom");
    assertThat(got.get("nextForwardToken").asText()).startsWith("f/");

    JsonNode filtered = ok(aws.run("logs", "filter-log-events", "--log-group-name", "/aws/lambda/publishNewBark",
        "--filter-pattern", "ERROR"));
    assertThat(filtered.get("events")).hasSize(1);
    assertThat(filtered.at("/events/0/message").asText()).isEqualTo("ERROR boom");
    assertThat(filtered.at("/events/0/logStreamName").asText())
        .isEqualTo("2026/03/01/[$LATEST]0123456789abcdef0123456789abcdef");

    JsonNode groups = ok(aws.run("logs", "describe-log-groups"));
    assertThat(groups.at("/logGroups/0/logGroupName").asText()).isEqualTo("/aws/lambda/publishNewBark");
    assertThat(groups.at("/logGroups/0/arn").asText())
        .isEqualTo("arn:aws:logs:eu-west-1:000000000000:log-group:/aws/lambda/publishNewBark:*");

    // ListLogGroups (newer than the SDK pinned here): name, ARN and class of each group.
    JsonNode listed = ok(aws.run("logs", "list-log-groups", "--log-group-name-pattern", "publishNew"));
    assertThat(listed.get("logGroups")).hasSize(1);
    assertThat(listed.at("/logGroups/0/logGroupName").asText()).isEqualTo("/aws/lambda/publishNewBark");
    assertThat(listed.at("/logGroups/0/logGroupArn").asText())
        .isEqualTo("arn:aws:logs:eu-west-1:000000000000:log-group:/aws/lambda/publishNewBark");
    assertThat(listed.at("/logGroups/0/logGroupClass").asText()).isEqualTo("STANDARD");
    assertThat(listed.at("/logGroups/0").size()).isEqualTo(3);
    assertThat(ok(aws.run("logs", "list-log-groups", "--log-group-name-pattern", "no-such-group")).get("logGroups"))
        .isEmpty();

    AwsCli.Result missing = aws.run("logs", "describe-log-streams", "--log-group-name", "nope");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("ResourceNotFoundException").contains("The specified log group does not exist.");
  }
}
