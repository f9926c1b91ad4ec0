package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** PutLogEvents and GetLogEvents through the SDK, with time moved by a MutableClock. */
class LogsEventsTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private static Streambed streambed;
  private static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() {
    streambed = Streambed.start(CLOCK);
    logs = streambed.logs();
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static void stream(String group, String stream) {
    logs.createLogGroup(b -> b.logGroupName(group));
    logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
  }

  private static InputLogEvent event(long ts, String message) {
    return InputLogEvent.builder().timestamp(ts).message(message).build();
  }

  private static List<String> messages(GetLogEventsResponse r) {
    return r.events().stream().map(OutputLogEvent::message).toList();
  }

  @Test
  void putThenGetFromHeadAndTail() {
    stream("rw", "s");
    long now = CLOCK.millis();
    PutLogEventsResponse put = logs.putLogEvents(b -> b.logGroupName("rw").logStreamName("s")
        .logEvents(event(now - 3, "one"), event(now - 2, "two"), event(now - 2, "three")));
    assertThat(put.nextSequenceToken()).matches("\\d{56}");
    assertThat(put.rejectedLogEventsInfo()).isNull();
    GetLogEventsResponse head = logs.getLogEvents(b -> b.logGroupName("rw").logStreamName("s").startFromHead(true));
    assertThat(messages(head)).containsExactly("one", "two", "three");
    assertThat(head.events().get(0).timestamp()).isEqualTo(now - 3);
    assertThat(head.events().get(0).ingestionTime()).isEqualTo(now);
    assertThat(head.nextForwardToken()).startsWith("f/").endsWith("/s");
    assertThat(head.nextBackwardToken()).startsWith("b/").endsWith("/s");
    GetLogEventsResponse tail = logs.getLogEvents(b -> b.logGroupName("rw").logStreamName("s").limit(2));
    assertThat(messages(tail)).containsExactly("two", "three");
    GetLogEventsResponse before = logs.getLogEvents(b -> b.logGroupName("rw").logStreamName("s")
        .nextToken(tail.nextBackwardToken()));
    assertThat(messages(before)).containsExactly("one");
    GetLogEventsResponse window = logs.getLogEvents(b -> b.logGroupName("rw").logStreamName("s")
        .startTime(now - 2).endTime(now - 1).startFromHead(true));
    assertThat(messages(window)).containsExactly("two", "three");
  }

  @Test
  void forwardTokenStaysTheSameAtTheEndAndThenFollowsNewEvents() {
    stream("follow", "s");
    long now = CLOCK.millis();
    logs.putLogEvents(b -> b.logGroupName("follow").logStreamName("s").logEvents(event(now, "first")));
    GetLogEventsResponse r = logs.getLogEvents(b -> b.logGroupName("follow").logStreamName("s").startFromHead(true));
    String token = r.nextForwardToken();
    GetLogEventsResponse caughtUp = logs.getLogEvents(b -> b.logGroupName("follow").logStreamName("s").nextToken(token));
    assertThat(caughtUp.events()).isEmpty();
    assertThat(caughtUp.nextForwardToken()).isEqualTo(token);
    logs.putLogEvents(b -> b.logGroupName("follow").logStreamName("s").logEvents(event(now + 1, "second")));
    GetLogEventsResponse more = logs.getLogEvents(b -> b.logGroupName("follow").logStreamName("s").nextToken(token));
    assertThat(messages(more)).containsExactly("second");
    assertThat(more.nextForwardToken()).isNotEqualTo(token);
  }

  @Test
  void tooOldAndTooNewEventsAreSkippedAndReported() {
    stream("edges", "s");
    long now = CLOCK.millis();
    PutLogEventsResponse old = logs.putLogEvents(b -> b.logGroupName("edges").logStreamName("s").logEvents(
        event(now - Duration.ofDays(15).toMillis(), "ancient"),
        event(now - Duration.ofDays(15).toMillis() + Duration.ofHours(23).toMillis(), "ancient too")));
    assertThat(old.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(1);
    old = logs.putLogEvents(b -> b.logGroupName("edges").logStreamName("s").logEvents(
        event(now - Duration.ofDays(14).toMillis() - 1, "ancient"),
        event(now - Duration.ofDays(14).toMillis() + Duration.ofHours(1).toMillis(), "kept")));
    assertThat(old.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isZero();
    assertThat(old.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isNull();
    assertThat(old.nextSequenceToken()).isNotNull();
    PutLogEventsResponse ahead = logs.putLogEvents(b -> b.logGroupName("edges").logStreamName("s").logEvents(
        event(now, "kept too"), event(now + Duration.ofHours(3).toMillis(), "future")));
    assertThat(ahead.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(1);
    assertThat(ahead.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isNull();
    assertThat(messages(logs.getLogEvents(b -> b.logGroupName("edges").logStreamName("s").startFromHead(true))))
        .containsExactly("kept", "kept too");
  }

  @Test
  void batchRulesFailTheWholeBatch() {
    stream("rules", "s");
    long now = CLOCK.millis();
    assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("rules").logStreamName("s")
        .logEvents(event(now, "b"), event(now - 1, "a"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Log events in a single PutLogEvents request must be in chronological order.");
    assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("rules").logStreamName("s")
        .logEvents(event(now - Duration.ofHours(25).toMillis(), "a"), event(now, "b"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
    String big = "x".repeat(1_048_576 - 26);
    assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("rules").logStreamName("s")
        .logEvents(event(now, big), event(now, "y"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Upload too large: 1048603 bytes exceeds limit of 1048576");
    String tooLarge = "x".repeat(1_048_576 - 25);
    assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("rules").logStreamName("s")
        .logEvents(event(now, tooLarge))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Log event too large: 1048577 bytes exceeds limit of 1048576");
    List<InputLogEvent> many = new ArrayList<>();
    for (int i = 0; i < 10_001; i++) {
      many.add(event(now, "m"));
    }
    assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("rules").logStreamName("s").logEvents(many)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Member must have length less than or equal to 10000");
    assertThat(logs.getLogEvents(b -> b.logGroupName("rules").logStreamName("s")).events()).isEmpty();
  }

  @Test
  void errorsAsTheRecordingsShow() {
    stream("errs", "s");
    assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("errs").logStreamName("missing")
        .logEvents(event(CLOCK.millis(), "x"))))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log stream does not exist.");
    assertThatThrownBy(() -> logs.getLogEvents(b -> b.logGroupName("no-such-group").logStreamName("s")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log group does not exist.");
    assertThatThrownBy(() -> logs.getLogEvents(b -> b.logGroupName("errs").logStreamName("s").nextToken("invalid")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("The specified nextToken is invalid.");
    assertThatThrownBy(() -> logs.getLogEvents(b -> b.logGroupName("errs").logStreamName("s").limit(10001)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("1 validation error detected: Value '10001' at 'limit' failed to satisfy "
            + "constraint: Member must have value less than or equal to 10000");
  }

  @Test
  void retentionHidesOldEventsAndRejectsExpiredOnes() {
    stream("kept-a-day", "s");
    long now = CLOCK.millis();
    logs.putLogEvents(b -> b.logGroupName("kept-a-day").logStreamName("s").logEvents(
        event(now - Duration.ofDays(3).toMillis(), "three days old")));
    logs.putLogEvents(b -> b.logGroupName("kept-a-day").logStreamName("s").logEvents(event(now, "today")));
    logs.putRetentionPolicy(b -> b.logGroupName("kept-a-day").retentionInDays(1));
    assertThat(messages(logs.getLogEvents(b -> b.logGroupName("kept-a-day").logStreamName("s").startFromHead(true))))
        .containsExactly("today");
    PutLogEventsResponse expired = logs.putLogEvents(b -> b.logGroupName("kept-a-day").logStreamName("s")
        .logEvents(event(now - Duration.ofDays(2).toMillis(), "expired")));
    assertThat(expired.rejectedLogEventsInfo().expiredLogEventEndIndex()).isZero();
    CLOCK.advance(Duration.ofDays(2));
    assertThat(logs.getLogEvents(b -> b.logGroupName("kept-a-day").logStreamName("s")).events()).isEmpty();
  }
}
