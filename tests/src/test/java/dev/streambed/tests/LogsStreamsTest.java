package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Log streams through the SDK. */
class LogsStreamsTest {
  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  private static final MutableClock CLOCK = new MutableClock(START);
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

  @Test
  void newStreamIsDescribedAsTheRecordingShows() {
    logs.createLogGroup(b -> b.logGroupName("fresh"));
    logs.createLogStream(b -> b.logGroupName("fresh").logStreamName("s1"));
    LogStream s = logs.describeLogStreams(b -> b.logGroupName("fresh")).logStreams().get(0);
    assertThat(s.logStreamName()).isEqualTo("s1");
    assertThat(s.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:fresh:log-stream:s1");
    assertThat(s.creationTime()).isEqualTo(CLOCK.millis());
    assertThat(s.storedBytes()).isZero();
    assertThat(s.firstEventTimestamp()).isNull();
    assertThat(s.lastEventTimestamp()).isNull();
    assertThat(s.lastIngestionTime()).isNull();
    assertThat(s.uploadSequenceToken()).isNull();
    // logGroupIdentifier takes the name or the ARN, not both with logGroupName.
    assertThat(logs.describeLogStreams(b -> b.logGroupIdentifier(
        "arn:aws:logs:us-east-1:000000000000:log-group:fresh")).logStreams()).hasSize(1);
    assertThatThrownBy(() -> logs.describeLogStreams(b -> b.logGroupName("fresh").logGroupIdentifier("fresh")))
        .isInstanceOf(CloudWatchLogsException.class)
        .hasMessageStartingWith("LogGroup name and LogGroup ARN are mutually exclusive parameters.")
        .satisfies(e -> assertThat(((CloudWatchLogsException) e).awsErrorDetails().errorCode())
            .isEqualTo("ValidationException"));
  }

  @Test
  void eventTimesAppearAfterAPut() {
    logs.createLogGroup(b -> b.logGroupName("timed"));
    logs.createLogStream(b -> b.logGroupName("timed").logStreamName("s"));
    long now = CLOCK.millis();
    String token = logs.putLogEvents(b -> b.logGroupName("timed").logStreamName("s").logEvents(
        InputLogEvent.builder().timestamp(now - 1000).message("a").build(),
        InputLogEvent.builder().timestamp(now - 10).message("b").build())).nextSequenceToken();
    LogStream s = logs.describeLogStreams(b -> b.logGroupName("timed")).logStreams().get(0);
    assertThat(s.firstEventTimestamp()).isEqualTo(now - 1000);
    assertThat(s.lastEventTimestamp()).isEqualTo(now - 10);
    assertThat(s.lastIngestionTime()).isEqualTo(now);
    assertThat(s.uploadSequenceToken()).isEqualTo(token).matches("\\d{56}");
    assertThat(s.storedBytes()).isZero();
  }

  @Test
  void duplicatesAndMissingStreams() {
    logs.createLogGroup(b -> b.logGroupName("dups"));
    logs.createLogStream(b -> b.logGroupName("dups").logStreamName("s"));
    assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("dups").logStreamName("s")))
        .isInstanceOf(ResourceAlreadyExistsException.class)
        .hasMessageStartingWith("The specified log stream already exists");
    assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("no-group").logStreamName("s")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log group does not exist.");
    logs.deleteLogStream(b -> b.logGroupName("dups").logStreamName("s"));
    assertThatThrownBy(() -> logs.deleteLogStream(b -> b.logGroupName("dups").logStreamName("s")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log stream does not exist.");
    assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("dups").logStreamName("a:b")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("1 validation error detected: Value 'a:b' at 'logStreamName' failed to "
            + "satisfy constraint: Member must satisfy regular expression pattern: [^:*]*");
  }

  @Test
  void orderByNameOrLastEventTimeWithPaging() {
    logs.createLogGroup(b -> b.logGroupName("ordered"));
    for (String n : new String[] {"c", "a", "b"}) {
      logs.createLogStream(b -> b.logGroupName("ordered").logStreamName(n));
    }
    long now = CLOCK.millis();
    put("ordered", "a", now - 100);
    put("ordered", "c", now - 200);
    put("ordered", "b", now - 50);
    assertThat(logs.describeLogStreams(b -> b.logGroupName("ordered")).logStreams())
        .extracting(LogStream::logStreamName).containsExactly("a", "b", "c");
    assertThat(logs.describeLogStreams(b -> b.logGroupName("ordered").descending(true)).logStreams())
        .extracting(LogStream::logStreamName).containsExactly("c", "b", "a");
    assertThat(logs.describeLogStreams(b -> b.logGroupName("ordered").orderBy(OrderBy.LAST_EVENT_TIME)
        .descending(true)).logStreams()).extracting(LogStream::logStreamName).containsExactly("b", "a", "c");
    DescribeLogStreamsResponse first = logs.describeLogStreams(b -> b.logGroupName("ordered").limit(2));
    assertThat(first.logStreams()).extracting(LogStream::logStreamName).containsExactly("a", "b");
    assertThat(logs.describeLogStreams(b -> b.logGroupName("ordered").limit(2).nextToken(first.nextToken()))
        .logStreams()).extracting(LogStream::logStreamName).containsExactly("c");
    assertThat(logs.describeLogStreams(b -> b.logGroupName("ordered").logStreamNamePrefix("b")).logStreams())
        .extracting(LogStream::logStreamName).containsExactly("b");
    assertThatThrownBy(() -> logs.describeLogStreams(b -> b.logGroupName("ordered")
        .orderBy(OrderBy.LAST_EVENT_TIME).logStreamNamePrefix("a")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Cannot order by LastEventTime with a logStreamNamePrefix.");
  }

  private static void put(String group, String stream, long ts) {
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream)
        .logEvents(InputLogEvent.builder().timestamp(ts).message("m").build()));
    CLOCK.advance(Duration.ofMillis(1));
  }
}
