package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * What the clock decides in a trigger, moved by hand: MaximumRecordAgeInSeconds, and tumbling
 * windows (their boundaries from the records' times, the state handed from one invocation of a
 * window to the next, the final invocation when the window ends, by the clock or by the shard's
 * end, and the early end of a window whose state grew too large).
 */
class TriggerTimeTest {
  private static final Instant START = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  private static final MutableClock CLOCK = new MutableClock(START);
  private static Streambed streambed;
  private static Triggers t;

  /** Counts the records of its window in the state; prints the event, a large state by its size. */
  private static final String AGGREGATOR = String.join("\n",
      "import json",
      "",
      "def lambda_handler(event, context):",
      "    state = event['state']",
      "    text = json.dumps(state)",
      "    print('EVENT ' + json.dumps(dict(event, state=state if len(text) < 1000 else {'bytes': len(text)})))",
      "    count = state.get('count', 0) + len(event['Records'])",
      "    if any(r['dynamodb']['NewImage'].get('big', {}).get('BOOL') for r in event['Records']):",
      "        return {'state': {'count': count, 'padding': 'x' * (1024 * 1024 + 1)}}",
      "    return {'state': {'count': count}}",
      "");

  @BeforeAll
  static void start() {
    streambed = Streambed.start(CLOCK);
    t = new Triggers(streambed);
    t.function("failures");
  }

  @AfterAll
  static void stop() {
    t.close();
    streambed.close();
  }

  @Test
  void recordsOlderThanTheMaximumAgeAreGivenUpWhenTheClockPassesIt() throws Exception {
    String stream = t.table("aged", StreamViewType.NEW_IMAGE);
    t.function("aged", Triggers.recorder("    raise Exception('always')"), Map.of(), 3);
    t.lambda.createEventSourceMapping(b -> b.functionName("aged").eventSourceArn(stream).batchSize(1)
        .startingPosition(EventSourcePosition.LATEST).maximumRecordAgeInSeconds(60)
        .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:lambda:us-east-1:000000000000:function:failures"))));
    t.put("aged", Triggers.item("old"));
    t.awaitEvents("aged", 1);
    // Retries wait on the clock; once it has moved past the record's maximum age, it is given up.
    CLOCK.advance(Duration.ofSeconds(61));
    JsonNode failure = t.awaitEvents("failures", 1).get(0);
    assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
    assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    t.awaitQuiet();
    assertThat(Triggers.ids(t.events("aged"))).containsExactly("old");
  }

  @Test
  void aTumblingWindowHandsItsStateOnAndEndsWithAFinalInvocation() throws Exception {
    String stream = t.table("windows", StreamViewType.NEW_IMAGE);
    t.function("windows", AGGREGATOR, Map.of(), 3);
    t.lambda.createEventSourceMapping(b -> b.functionName("windows").eventSourceArn(stream).batchSize(10)
        .startingPosition(EventSourcePosition.LATEST).tumblingWindowInSeconds(60));
    long windowStart = CLOCK.millis() / 60_000 * 60_000;
    String shardId = streambed.streams().describeStream(b -> b.streamArn(stream)).streamDescription().shards().get(0)
        .shardId();

    t.put("windows", Triggers.item("a"));
    JsonNode first = t.awaitEvents("windows", 1).get(0);
    // The members and their order of AWS's DynamodbTimeWindowEvent.
    assertThat(first.fieldNames()).toIterable().containsExactly("Records", "window", "state", "shardId",
        "eventSourceARN", "isFinalInvokeForWindow", "isWindowTerminatedEarly");
    assertThat(first.get("window").toString()).isEqualTo("{\"start\":\"" + Instant.ofEpochMilli(windowStart)
        + "\",\"end\":\"" + Instant.ofEpochMilli(windowStart + 60_000) + "\"}");
    assertThat(first.get("state").toString()).isEqualTo("{}");
    assertThat(first.get("shardId").asText()).isEqualTo(shardId);
    assertThat(first.get("eventSourceARN").asText()).isEqualTo(stream);
    assertThat(first.get("isFinalInvokeForWindow").asBoolean()).isFalse();
    assertThat(first.get("isWindowTerminatedEarly").asBoolean()).isFalse();

    t.put("windows", Triggers.item("b"));
    JsonNode second = t.awaitEvents("windows", 2).get(1);
    assertThat(Triggers.ids(List.of(second))).containsExactly("b");
    assertThat(second.get("state").toString()).isEqualTo("{\"count\":1}");

    // The window ends by the clock: its final invocation carries the state, and no records.
    CLOCK.set(Instant.ofEpochMilli(windowStart + 60_000));
    JsonNode last = t.awaitEvents("windows", 3).get(2);
    assertThat(last.get("Records")).isEmpty();
    assertThat(last.get("state").toString()).isEqualTo("{\"count\":2}");
    assertThat(last.get("isFinalInvokeForWindow").asBoolean()).isTrue();
    assertThat(last.get("isWindowTerminatedEarly").asBoolean()).isFalse();

    // The next window starts with a fresh state.
    t.put("windows", Triggers.item("c"));
    JsonNode next = t.awaitEvents("windows", 4).get(3);
    assertThat(next.at("/window/start").asText()).isEqualTo(Instant.ofEpochMilli(windowStart + 60_000).toString());
    assertThat(next.get("state").toString()).isEqualTo("{}");

    // The shard's end closes the window too.
    t.ddb.updateTable(b -> b.tableName("windows").streamSpecification(s -> s.streamEnabled(false)));
    JsonNode closed = t.awaitEvents("windows", 5).get(4);
    assertThat(closed.get("Records")).isEmpty();
    assertThat(closed.get("state").toString()).isEqualTo("{\"count\":1}");
    assertThat(closed.get("isFinalInvokeForWindow").asBoolean()).isTrue();
    t.awaitQuiet();
    assertThat(t.events("windows")).hasSize(5);
  }

  @Test
  void aWindowWhoseStateOutgrowsOneMegabyteEndsEarlyAndGoesOnAfresh() throws Exception {
    String stream = t.table("big-windows", StreamViewType.NEW_IMAGE);
    t.function("big-windows", AGGREGATOR, Map.of(), 3);
    t.lambda.createEventSourceMapping(b -> b.functionName("big-windows").eventSourceArn(stream).batchSize(10)
        .startingPosition(EventSourcePosition.LATEST).tumblingWindowInSeconds(900));
    t.put("big-windows", Triggers.item("big", "big", AttributeValue.fromBool(true)));
    List<JsonNode> events = t.awaitEvents("big-windows", 2);
    JsonNode early = events.get(1);
    assertThat(early.get("Records")).isEmpty();
    assertThat(early.at("/state/bytes").asInt()).isGreaterThan(1024 * 1024);
    assertThat(early.get("isFinalInvokeForWindow").asBoolean()).isTrue();
    assertThat(early.get("isWindowTerminatedEarly").asBoolean()).isTrue();
    t.put("big-windows", Triggers.item("small"));
    JsonNode after = t.awaitEvents("big-windows", 3).get(2);
    assertThat(after.get("window")).isEqualTo(early.get("window"));
    assertThat(after.get("state").toString()).isEqualTo("{}");
    assertThat(after.get("isFinalInvokeForWindow").asBoolean()).isFalse();
  }

  @Test
  void anAnswerWithoutStateFailsATumblingWindowsInvocation() throws Exception {
    String stream = t.table("stateless", StreamViewType.NEW_IMAGE);
    t.function("stateless");
    t.lambda.createEventSourceMapping(b -> b.functionName("stateless").eventSourceArn(stream).batchSize(1)
        .startingPosition(EventSourcePosition.LATEST).tumblingWindowInSeconds(60).maximumRetryAttempts(0)
        .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:lambda:us-east-1:000000000000:function:failures"))));
    t.put("stateless", Triggers.item("s"));
    List<JsonNode> failures = t.awaitEvents("failures", all -> all.stream()
        .anyMatch(f -> f.at("/requestContext/functionArn").asText().endsWith(":stateless")), "stateless's record")
        .stream().filter(f -> f.at("/requestContext/functionArn").asText().endsWith(":stateless")).toList();
    assertThat(failures.get(0).at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
    assertThat(failures.get(0).at("/responseContext/functionError").isNull()).isTrue();
  }
}
