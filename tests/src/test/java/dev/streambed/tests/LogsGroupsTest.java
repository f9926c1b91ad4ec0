package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Log groups through the SDK, asserting what AWS answered in the recordings. */
class LogsGroupsTest {
  private static Streambed streambed;
  private static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    logs = streambed.logs();
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  @Test
  void createdGroupIsDescribedAsAwsShowsIt() {
    logs.createLogGroup(b -> b.logGroupName("/desc/one"));
    LogGroup g = logs.describeLogGroups(b -> b.logGroupNamePrefix("/desc/")).logGroups().get(0);
    assertThat(g.logGroupName()).isEqualTo("/desc/one");
    assertThat(g.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/desc/one:*");
    assertThat(g.logGroupArn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/desc/one");
    assertThat(g.creationTime()).isPositive();
    assertThat(g.metricFilterCount()).isZero();
    assertThat(g.storedBytes()).isZero();
    assertThat(g.logGroupClassAsString()).isEqualTo("STANDARD");
    assertThat(g.retentionInDays()).isNull();
  }

  @Test
  void errorsOnTheWireNameTheirTypeWithoutANamespace() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(streambed.endpoint())
        .header("X-Amz-Target", "Logs_20140328.DescribeLogStreams")
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"logGroupName\":\"no-such-group\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    assertThat(r.body()).isEqualTo(
        "{\"__type\":\"ResourceNotFoundException\",\"message\":\"The specified log group does not exist.\"}");
  }

  @Test
  void duplicateGroupIsRejected() {
    logs.createLogGroup(b -> b.logGroupName("dup"));
    assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName("dup")))
        .isInstanceOf(ResourceAlreadyExistsException.class)
        .hasMessageStartingWith("The specified log group already exists")
        .satisfies(e -> assertThat(((CloudWatchLogsException) e).statusCode()).isEqualTo(400));
  }

  @Test
  void namesAreValidatedWithAwsMessages() {
    assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName("a".repeat(513))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Invalid LogGroup or LogStream, both must have length less than or equal to 512.");
    assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName("bad:name")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("1 validation error detected: Value 'bad:name' at 'logGroupName' failed to "
            + "satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
  }

  @Test
  void prefixPatternAndPaging() {
    for (String n : List.of("/page/a", "/page/b", "/page/c", "/other/page-x")) {
      logs.createLogGroup(b -> b.logGroupName(n));
    }
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/page/")).logGroups())
        .extracting(LogGroup::logGroupName).containsExactly("/page/a", "/page/b", "/page/c");
    // The pattern is a case-sensitive substring; with it AWS shows fewer members.
    List<LogGroup> byPattern = logs.describeLogGroups(b -> b.logGroupNamePattern("page-")).logGroups();
    assertThat(byPattern).extracting(LogGroup::logGroupName).containsExactly("/other/page-x");
    assertThat(byPattern.get(0).arn()).endsWith(":log-group:/other/page-x:*");
    assertThat(byPattern.get(0).storedBytes()).isNull();
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePattern("PAGE-")).logGroups()).isEmpty();
    DescribeLogGroupsResponse first = logs.describeLogGroups(b -> b.logGroupNamePrefix("/page/").limit(2));
    assertThat(first.logGroups()).extracting(LogGroup::logGroupName).containsExactly("/page/a", "/page/b");
    DescribeLogGroupsResponse second = logs.describeLogGroups(
        b -> b.logGroupNamePrefix("/page/").limit(2).nextToken(first.nextToken()));
    assertThat(second.logGroups()).extracting(LogGroup::logGroupName).containsExactly("/page/c");
    assertThat(second.nextToken()).isNull();
    assertThatThrownBy(() -> logs.describeLogGroups(b -> b.logGroupNamePrefix("/p").logGroupNamePattern("x")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    assertThatThrownBy(() -> logs.describeLogGroups(b -> b.limit(51)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("1 validation error detected: Value '51' at 'limit' failed to satisfy "
            + "constraint: Member must have value less than or equal to 50");
  }

  @Test
  void retentionPolicyIsShownAndRemoved() {
    logs.createLogGroup(b -> b.logGroupName("retained"));
    logs.putRetentionPolicy(b -> b.logGroupName("retained").retentionInDays(7));
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("retained")).logGroups().get(0).retentionInDays())
        .isEqualTo(7);
    logs.deleteRetentionPolicy(b -> b.logGroupName("retained"));
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("retained")).logGroups().get(0).retentionInDays())
        .isNull();
    assertThatThrownBy(() -> logs.putRetentionPolicy(b -> b.logGroupName("retained").retentionInDays(2)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Member must satisfy enum value set: [1, 3, 5, 7, 14,");
    assertThatThrownBy(() -> logs.putRetentionPolicy(b -> b.logGroupName("nope").retentionInDays(1)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log group does not exist.");
  }

  @Test
  void deleteRemovesTheGroupAndMissingGroupsAreNotFound() {
    logs.createLogGroup(b -> b.logGroupName("gone"));
    logs.createLogStream(b -> b.logGroupName("gone").logStreamName("s"));
    logs.deleteLogGroup(b -> b.logGroupName("gone"));
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("gone")).logGroups()).isEmpty();
    assertThatThrownBy(() -> logs.deleteLogGroup(b -> b.logGroupName("gone")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log group does not exist.");
    logs.createLogGroup(b -> b.logGroupName("gone"));
    assertThat(logs.describeLogStreams(b -> b.logGroupName("gone")).logStreams()).isEmpty();
  }

  @Test
  void tagsThroughBothApisAsTheRecordingShows() {
    logs.createLogGroup(b -> b.logGroupName("tagged").tags(Map.of("env", "testing1")));
    assertThat(logs.listTagsLogGroup(b -> b.logGroupName("tagged")).tags()).isEqualTo(Map.of("env", "testing1"));
    String arn = "arn:aws:logs:us-east-1:000000000000:log-group:tagged";
    logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("test1", "val1", "test2", "val2")));
    assertThat(logs.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .isEqualTo(Map.of("env", "testing1", "test1", "val1", "test2", "val2"));
    logs.tagLogGroup(b -> b.logGroupName("tagged").tags(Map.of("test3", "val3")));
    assertThat(logs.listTagsLogGroup(b -> b.logGroupName("tagged")).tags()).hasSize(4);
    logs.untagResource(b -> b.resourceArn(arn).tagKeys("env", "test1"));
    logs.untagLogGroup(b -> b.logGroupName("tagged").tags("test3"));
    assertThat(logs.listTagsLogGroup(b -> b.logGroupName("tagged")).tags()).isEqualTo(Map.of("test2", "val2"));
    assertThat(logs.listTagsForResource(b -> b.resourceArn(arn + ":*")).tags()).isEqualTo(Map.of("test2", "val2"));
    assertThatThrownBy(() -> logs.listTagsForResource(b -> b.resourceArn(arn + "-missing")))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
