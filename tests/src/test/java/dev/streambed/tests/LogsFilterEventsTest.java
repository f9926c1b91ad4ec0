package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** FilterLogEvents through the SDK over several streams. */
class LogsFilterEventsTest {
  private static Streambed streambed;
  private static CloudWatchLogsClient logs;
  private static long t0;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    logs = streambed.logs();
    t0 = System.currentTimeMillis() - 60_000;
    logs.createLogGroup(b -> b.logGroupName("/aws/lambda/f"));
    for (String s : List.of("app-1", "app-2", "other")) {
      logs.createLogStream(b -> b.logGroupName("/aws/lambda/f").logStreamName(s));
    }
    put("app-1", 0, "START RequestId: 1");
    put("app-2", 1, "{\"eventName\":\"INSERT\",\"size\":10}");
    put("app-1", 2, "ERROR disk full");
    put("other", 3, "{\"eventName\":\"MODIFY\",\"size\":30}");
    put("app-2", 4, "WARN slow");
  }

  private static void put(String stream, long offset, String message) {
    logs.putLogEvents(b -> b.logGroupName("/aws/lambda/f").logStreamName(stream)
        .logEvents(InputLogEvent.builder().timestamp(t0 + offset).message(message).build()));
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static List<String> messages(FilterLogEventsResponse r) {
    return r.events().stream().map(FilteredLogEvent::message).toList();
  }

  @Test
  void everyStreamMergedInTimeOrder() {
    FilterLogEventsResponse r = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f"));
    assertThat(messages(r)).hasSize(5).first().isEqualTo("START RequestId: 1");
    assertThat(r.events()).extracting(FilteredLogEvent::logStreamName)
        .containsExactly("app-1", "app-2", "app-1", "other", "app-2");
    FilteredLogEvent first = r.events().get(0);
    assertThat(first.timestamp()).isEqualTo(t0);
    assertThat(first.ingestionTime()).isPositive();
    assertThat(first.eventId()).matches("\\d{56}");
    assertThat(r.searchedLogStreams()).isEmpty();
    assertThat(r.nextToken()).isNull();
  }

  @Test
  void streamsByNameOrPrefixAndTimeWindow() {
    assertThat(messages(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").logStreamNames("other"))))
        .containsExactly("{\"eventName\":\"MODIFY\",\"size\":30}");
    assertThat(messages(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").logStreamNamePrefix("app-"))))
        .hasSize(4);
    assertThat(messages(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").startTime(t0 + 1).endTime(t0 + 3))))
        .containsExactly("{\"eventName\":\"INSERT\",\"size\":10}", "ERROR disk full");
  }

  @Test
  void patterns() {
    assertThat(messages(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").filterPattern("ERROR"))))
        .containsExactly("ERROR disk full");
    assertThat(messages(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").filterPattern("?ERROR ?WARN"))))
        .containsExactly("ERROR disk full", "WARN slow");
    assertThat(messages(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f")
        .filterPattern("{ $.eventName = \"INSERT\" }")))).containsExactly("{\"eventName\":\"INSERT\",\"size\":10}");
    assertThat(messages(logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f")
        .filterPattern("{ $.size > 5 && $.eventName != \"INSERT\" }"))))
        .containsExactly("{\"eventName\":\"MODIFY\",\"size\":30}");
  }

  @Test
  void pagingWithNextToken() {
    FilterLogEventsResponse first = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").limit(2));
    assertThat(messages(first)).hasSize(2);
    assertThat(first.nextToken()).isNotNull();
    FilterLogEventsResponse rest = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").nextToken(first.nextToken()));
    assertThat(messages(rest)).containsExactly("ERROR disk full", "{\"eventName\":\"MODIFY\",\"size\":30}", "WARN slow");
  }

  @Test
  void errorsAsTheRecordingsShow() {
    assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").limit(10001)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("1 validation error detected: Value '10001' at 'limit' failed to satisfy "
            + "constraint: Member must have value less than or equal to 10000");
    assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").nextToken("!!not-a-token")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("The specified nextToken is invalid.");
    assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName("missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log group does not exist.");
    // Patterns AWS cannot read, in the wordings users have reported from AWS.
    assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").filterPattern("{ $.size > 5")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("If a filter pattern starts with '{' it must end with '}'");
    for (String bad : List.of("\"unterminated", "%%", "{ $.size >> 5 }", "[a, b")) {
      assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/f").filterPattern(bad)))
          .as(bad).isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("Invalid filter pattern (");
    }
  }
}
