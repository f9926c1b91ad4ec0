package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * A trigger whose function fails: retries with back-off up to MaximumRetryAttempts,
 * BisectBatchOnFunctionError, ReportBatchItemFailures with every scenario of AWS's recorded
 * answers, the on-failure record AWS sends (here to a function), timeouts, LastProcessingResult,
 * and a mapping stopped or replaced while a batch fails, which must never skip it.
 */
class TriggerFailuresTest {
  private static Streambed streambed;
  private static Triggers t;
  @TempDir
  static Path dir;

  /** Prints each record and fails until the file FIX exists. */
  private static final String FAILS_UNTIL_FIXED = Triggers.recorder(String.join("\n",
      "    time.sleep(float(os.environ.get('SLEEP', '0')))",
      "    if not os.path.exists(os.environ['FIX']):",
      "        raise Exception('not fixed yet')",
      "    return {}"));

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    t = new Triggers(streambed);
    // The destination of discarded batches: a function that prints the record it is sent.
    t.function("failures");
  }

  @AfterAll
  static void stop() {
    t.close();
    streambed.close();
  }

  private static final String FAILURES_ARN = "arn:aws:lambda:us-east-1:000000000000:function:failures";

  /** A mapping of the function to the table's stream: from LATEST, one record a batch, unless changed. */
  private static String map(String function, String table,
      java.util.function.Consumer<CreateEventSourceMappingRequest.Builder> more) {
    String stream = t.ddb.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    return t.lambda.createEventSourceMapping(b -> {
      b.functionName(function).eventSourceArn(stream).startingPosition(EventSourcePosition.LATEST).batchSize(1);
      more.accept(b);
    }).uuid();
  }

  /** The on-failure records the destination received for the given function. */
  private static List<JsonNode> failureRecords(String function) {
    return of(function, t.events("failures"));
  }

  private static List<JsonNode> of(String function, List<JsonNode> records) {
    return records.stream()
        .filter(r -> r.at("/requestContext/functionArn").asText().endsWith(":function:" + function)).toList();
  }

  private static List<JsonNode> awaitFailureRecords(String function, int count) throws InterruptedException {
    return of(function, t.awaitEvents("failures", all -> of(function, all).size() >= count,
        count + " records for " + function));
  }

  @Test
  void aMappingDisabledOrUpdatedWhileItsBatchFailsDeliversThatBatchAgain() throws Exception {
    Path fix = dir.resolve("stubborn-fixed");
    t.table("stubborn", StreamViewType.NEW_IMAGE);
    t.function("stubborn", FAILS_UNTIL_FIXED, Map.of("FIX", fix.toString()), 3);
    String uuid = map("stubborn", "stubborn", b -> {});
    t.put("stubborn", Triggers.item("r1"));
    t.awaitEvents("stubborn", 2);
    assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
        .isEqualTo("PROBLEM: Function call failed");

    // Disabled while r1 fails, then enabled: r1 comes again, it was never passed over.
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
    int before = t.events("stubborn").size();
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
    assertThat(Triggers.ids(t.awaitEvents("stubborn", before + 1).subList(before, before + 1))).containsExactly("r1");

    // Updated while r1 still fails: the new settings take over at r1, until it succeeds.
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(5));
    Files.writeString(fix, "fixed");
    t.awaitQuiet();
    t.put("stubborn", Triggers.item("r2"));
    List<String> ids = Triggers.ids(t.awaitEvents("stubborn", e -> Triggers.ids(e).contains("r2"), "r2"));
    assertThat(ids.subList(0, ids.size() - 1)).containsOnly("r1");
    assertThat(ids.get(ids.size() - 1)).isEqualTo("r2");
    assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()).isEqualTo("OK");
  }

  @Test
  void anUpdateHandsTheShardOverWithoutTwoPollersOnIt() throws Exception {
    t.table("handed-over", StreamViewType.KEYS_ONLY);
    t.function("handed-over", Triggers.recorder("    time.sleep(0.3)\n    return {}"), Map.of(), 3);
    String uuid = map("handed-over", "handed-over", b -> {});
    for (int i = 1; i <= 6; i++) {
      t.put("handed-over", Triggers.item("h" + i));
    }
    t.awaitEvents("handed-over", 2);
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(2));
    t.awaitQuiet();
    List<JsonNode> events = t.events("handed-over");
    // Every record arrives, in order; a record comes twice only as the batch in flight at the
    // hand-over, never one the function had finished before it.
    Set<String> delivered = new HashSet<>();
    List<String> previous = List.of();
    List<String> firstSeen = new ArrayList<>();
    for (JsonNode e : events) {
      List<String> ids = Triggers.ids(List.of(e));
      for (String id : ids) {
        if (!delivered.add(id)) {
          assertThat(previous).as("%s came again after %s", id, previous).contains(id);
        } else {
          firstSeen.add(id);
        }
      }
      previous = ids;
    }
    assertThat(firstSeen).containsExactly("h1", "h2", "h3", "h4", "h5", "h6");
  }

  @Test
  void aFailingBatchIsRetriedMaximumRetryAttemptsTimesThenRecordedAndPassedOver() throws Exception {
    Path fix = dir.resolve("retried-fixed");
    t.table("retried", StreamViewType.NEW_IMAGE);
    t.function("retried", FAILS_UNTIL_FIXED, Map.of("FIX", fix.toString()), 3);
    String uuid = map("retried", "retried", b -> b.maximumRetryAttempts(2).destinationConfig(
        d -> d.onFailure(f -> f.destination(FAILURES_ARN))));
    t.put("retried", Triggers.item("doomed"));
    JsonNode failure = awaitFailureRecords("retried", 1).get(0);
    assertThat(Triggers.ids(t.events("retried"))).containsExactly("doomed", "doomed", "doomed");
    assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
    assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
    assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
        .isEqualTo("PROBLEM: Function call failed");

    // The record given up is passed over: the next one is the next delivered.
    Files.writeString(fix, "fixed");
    t.put("retried", Triggers.item("next"));
    assertThat(Triggers.ids(t.awaitEvents("retried", 4))).containsExactly("doomed", "doomed", "doomed", "next");
    t.awaitQuiet();
    assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()).isEqualTo("OK");
  }

  @Test
  void aFunctionThatFailsTheFirstTimesSucceedsOnARetry() throws Exception {
    t.table("flaky", StreamViewType.NEW_IMAGE);
    String code = Triggers.recorder(String.join("\n",
        "    path = os.environ['COUNTER']",
        "    n = int(open(path).read()) if os.path.exists(path) else 0",
        "    open(path, 'w').write(str(n + 1))",
        "    if n < 2:",
        "        raise Exception('failure ' + str(n + 1))",
        "    return {}"));
    t.function("flaky", code, Map.of("COUNTER", dir.resolve("flaky-count").toString()), 3);
    String uuid = map("flaky", "flaky", b -> b.destinationConfig(d -> d.onFailure(f -> f.destination(FAILURES_ARN))));
    t.put("flaky", Triggers.item("once"));
    t.awaitEvents("flaky", 3);
    t.awaitQuiet();
    assertThat(Triggers.ids(t.events("flaky"))).containsExactly("once", "once", "once");
    assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()).isEqualTo("OK");
    assertThat(failureRecords("flaky")).isEmpty();
  }

  @Test
  void bisectingIsolatesTheBadRecordWithoutCountingTheSplitsAsRetries() throws Exception {
    t.table("bisected", StreamViewType.NEW_IMAGE);
    t.function("bisected", Triggers.recorder(String.join("\n",
        "    if any(r['dynamodb']['NewImage'].get('poison', {}).get('BOOL') for r in event['Records']):",
        "        raise Exception('poisoned')",
        "    return {}")), Map.of(), 3);
    String uuid = map("bisected", "bisected", b -> b.batchSize(4).bisectBatchOnFunctionError(true).maximumRetryAttempts(1)
        .enabled(false).startingPosition(EventSourcePosition.TRIM_HORIZON)
        .destinationConfig(d -> d.onFailure(f -> f.destination(FAILURES_ARN))));
    for (int i = 1; i <= 4; i++) {
      t.put("bisected", Triggers.item("p" + i, "poison", AttributeValue.fromBool(i == 3)));
    }
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
    JsonNode failure = awaitFailureRecords("bisected", 1).get(0);
    t.awaitQuiet();
    assertThat(t.events("bisected")).extracting(e -> Triggers.ids(List.of(e))).containsExactly(
        List.of("p1", "p2", "p3", "p4"), List.of("p1", "p2"), List.of("p3", "p4"), List.of("p3"), List.of("p3"),
        List.of("p4"));
    assertThat(failure.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
    assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(4);
  }

  @Test
  void aTimedOutInvocationFailsTheBatch() throws Exception {
    t.table("timed-out", StreamViewType.NEW_IMAGE);
    t.function("timed-out", Triggers.recorder(String.join("\n",
        "    if event['Records'][0]['dynamodb']['Keys']['id']['S'] == 'slow':",
        "        time.sleep(5)",
        "    return {}")), Map.of(), 1);
    map("timed-out", "timed-out", b -> b.maximumRetryAttempts(0)
        .destinationConfig(d -> d.onFailure(f -> f.destination(FAILURES_ARN))));
    // A warm environment first: a cold start's initialisation is not counted in the timeout.
    t.put("timed-out", Triggers.item("warm"));
    t.awaitEvents("timed-out", 1);
    t.put("timed-out", Triggers.item("slow"));
    t.put("timed-out", Triggers.item("fast"));
    JsonNode failure = awaitFailureRecords("timed-out", 1).get(0);
    assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
    assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
    assertThat(Triggers.ids(t.awaitEvents("timed-out", 3))).containsExactly("warm", "slow", "fast");
    assertThat(t.messages("timed-out")).anyMatch(m -> m.endsWith(" Task timed out after 1.00 seconds\n"));
  }

  @Test
  void reportedItemFailuresAreRetriedFromTheLowestOneAsAwsRecorded() throws Exception {
    // AWS's test_dynamodb_report_batch_item_failures: six items, BatchSize 3, three retries,
    // testId5 reported failed each time. Once testId3 and testId4 are done, testId5 is a batch of
    // its own with three retries: AWS sent it five times in all, and counted four invocations.
    t.table("reported", StreamViewType.NEW_IMAGE);
    t.function("reported", Triggers.recorder(String.join("\n",
        "    return {'batchItemFailures': [{'itemIdentifier': r['dynamodb']['SequenceNumber']}",
        "        for r in event['Records'] if r['dynamodb']['NewImage']['should_fail']['BOOL']]}")), Map.of(), 3);
    String uuid = map("reported", "reported", b -> b.batchSize(3).maximumRetryAttempts(3).enabled(false)
        .startingPosition(EventSourcePosition.TRIM_HORIZON).functionResponseTypesWithStrings("ReportBatchItemFailures")
        .destinationConfig(d -> d.onFailure(f -> f.destination(FAILURES_ARN))));
    for (int i = 0; i < 6; i++) {
      t.put("reported", Triggers.item("testId" + i, "should_fail", AttributeValue.fromBool(i == 5)));
    }
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
    JsonNode failure = awaitFailureRecords("reported", 1).get(0);
    t.awaitQuiet();
    List<JsonNode> events = t.events("reported");
    assertThat(events).extracting(e -> Triggers.ids(List.of(e))).containsExactly(
        List.of("testId0", "testId1", "testId2"), List.of("testId3", "testId4", "testId5"),
        List.of("testId5"), List.of("testId5"), List.of("testId5"), List.of("testId5"));
    String failedSequence = Triggers.records(events).get(5).at("/dynamodb/SequenceNumber").asText();
    String shardId = streambed.streams().describeStream(b -> b.streamArn(events.get(0).at("/Records/0/eventSourceARN")
        .asText())).streamDescription().shards().get(0).shardId();

    // The record's members and their order as AWS recorded them.
    assertThat(failure.fieldNames()).toIterable()
        .containsExactly("requestContext", "responseContext", "version", "timestamp", "DDBStreamBatchInfo");
    assertThat(failure.at("/requestContext/requestId").asText()).matches("[0-9a-f-]{36}");
    assertThat(failure.at("/requestContext/functionArn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:reported");
    assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
    assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(4);
    assertThat(failure.get("responseContext").toString())
        .isEqualTo("{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":null}");
    assertThat(failure.get("version").asText()).isEqualTo("1.0");
    assertThat(failure.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    JsonNode info = failure.get("DDBStreamBatchInfo");
    assertThat(info.fieldNames()).toIterable().containsExactly("shardId", "startSequenceNumber", "endSequenceNumber",
        "approximateArrivalOfFirstRecord", "approximateArrivalOfLastRecord", "batchSize", "streamArn");
    assertThat(info.get("shardId").asText()).isEqualTo(shardId);
    assertThat(info.get("startSequenceNumber").asText()).isEqualTo(failedSequence);
    assertThat(info.get("endSequenceNumber").asText()).isEqualTo(failedSequence);
    assertThat(info.get("approximateArrivalOfFirstRecord").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(info.get("approximateArrivalOfLastRecord").asText()).isEqualTo(info.get("approximateArrivalOfFirstRecord").asText());
    assertThat(info.get("batchSize").asInt()).isEqualTo(1);
    assertThat(info.get("streamArn").asText()).isEqualTo(events.get(0).at("/Records/0/eventSourceARN").asText());
  }

  @Test
  void malformedItemFailuresFailTheWholeBatchAndEmptyOnesSucceedAsAwsRecorded() throws Exception {
    // AWS's test_dynamodb_report_batch_item_failure_scenarios and ..._success_scenarios.
    t.table("scenarios", StreamViewType.NEW_IMAGE);
    Map<String, String> failures = Map.of(
        "item-identifier-not-present", "{'batchItemFailures': [{'itemIdentifier': 123}]}",
        "empty-string-item-identifier", "{'batchItemFailures': [{'itemIdentifier': ''}]}",
        "null-item-identifier", "{'batchItemFailures': [{'itemIdentifier': None}]}",
        "invalid-key-foo", "{'batchItemFailures': [{'foo': 123}]}",
        "invalid-key-foo-null-value", "{'batchItemFailures': [{'foo': None}]}",
        "unhandled-exception", "(lambda: 1 / 0)()");
    Map<String, String> successes = Map.of(
        "empty-list", "[]",
        "null", "None",
        "empty-dict", "{}",
        "empty-batch-item-failures", "{'batchItemFailures': []}",
        "null-batch-item-failures", "{'batchItemFailures': None}");
    failures.forEach((name, answer) -> {
      t.function(name, Triggers.recorder("    return " + answer), Map.of(), 3);
      map(name, "scenarios", b -> b.batchSize(3).maximumRetryAttempts(3)
          .functionResponseTypesWithStrings("ReportBatchItemFailures")
          .destinationConfig(d -> d.onFailure(f -> f.destination(FAILURES_ARN))));
    });
    successes.forEach((name, answer) -> {
      t.function(name, Triggers.recorder("    return " + answer), Map.of(), 3);
      map(name, "scenarios", b -> b.maximumRetryAttempts(2).functionResponseTypesWithStrings("ReportBatchItemFailures"));
    });
    t.put("scenarios", Map.of("id", AttributeValue.fromS("hello world"),
        "binary_key", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromUtf8String("foobar"))));
    for (String name : failures.keySet()) {
      awaitFailureRecords(name, 1);
    }
    t.awaitQuiet();
    for (String name : failures.keySet()) {
      assertThat(Triggers.ids(t.events(name))).as(name).containsExactly("hello world", "hello world", "hello world",
          "hello world");
      JsonNode failure = failureRecords(name).get(0);
      assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).as(name).isEqualTo(4);
      assertThat(failure.at("/responseContext/functionError").isNull()).as(name)
          .isEqualTo(!name.equals("unhandled-exception"));
      assertThat(failure.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
    }
    assertThat(failureRecords("unhandled-exception").get(0).at("/responseContext/functionError").asText())
        .isEqualTo("Unhandled");
    for (String name : successes.keySet()) {
      assertThat(Triggers.ids(t.events(name))).as(name).containsExactly("hello world");
    }
  }
}
