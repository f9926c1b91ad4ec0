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
  private static String stream;
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
    stream = t.table("failing", StreamViewType.NEW_IMAGE);
    // The destination of discarded batches: a function that prints the record it is sent.
    t.function("failures");
  }

  @AfterAll
  static void stop() {
    t.close();
    streambed.close();
  }

  private static String map(String function, java.util.function.Consumer<CreateEventSourceMappingRequest.Builder> more) {
    return t.lambda.createEventSourceMapping(b -> {
      b.functionName(function).eventSourceArn(stream).startingPosition(EventSourcePosition.LATEST).batchSize(1);
      more.accept(b);
    }).uuid();
  }

  /** The on-failure records the destination received for the given function. */
  private static List<JsonNode> failureRecords(String function) {
    return t.events("failures").stream()
        .filter(r -> r.at("/requestContext/functionArn").asText().endsWith(":function:" + function)).toList();
  }

  private static List<JsonNode> awaitFailureRecords(String function, int count) throws InterruptedException {
    int seen = 0;
    while (true) {
      List<JsonNode> records = failureRecords(function);
      if (records.size() >= count) {
        return records;
      }
      seen = t.events("failures").size();
      t.awaitEvents("failures", seen + 1);
    }
  }

  @Test
  void aMappingDisabledOrUpdatedWhileItsBatchFailsDeliversThatBatchAgain() throws Exception {
    Path fix = dir.resolve("stubborn-fixed");
    t.function("stubborn", FAILS_UNTIL_FIXED, Map.of("FIX", fix.toString()), 3);
    String uuid = map("stubborn", b -> {});
    t.put("failing", Triggers.item("r1"));
    t.awaitEvents("stubborn", 2);
    assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
        .isEqualTo("PROBLEM: Function call failed");

    // Disabled while r1 fails, then enabled: r1 comes again, it was never passed over.
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
    int before = t.events("stubborn").size();
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
    assertThat(Triggers.ids(t.awaitEvents("stubborn", before + 1).subList(before, before + 1))).containsExactly("r1");

    // Updated while r1 still fails: the new settings take over at r1.
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(5));
    before = t.events("stubborn").size();
    Files.writeString(fix, "fixed");
    t.awaitEvents("stubborn", before + 1);
    t.awaitQuiet();
    t.put("failing", Triggers.item("r2"));
    List<String> ids = Triggers.ids(t.awaitEvents("stubborn", before + 2));
    assertThat(ids.subList(0, ids.size() - 1)).containsOnly("r1");
    assertThat(ids.get(ids.size() - 1)).isEqualTo("r2");
    assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()).isEqualTo("OK");
  }

  @Test
  void anUpdateHandsTheShardOverWithoutTwoPollersOnIt() throws Exception {
    t.function("handed-over", Triggers.recorder("    time.sleep(0.3)\n    return {}"), Map.of(), 3);
    String uuid = map("handed-over", b -> {});
    for (int i = 1; i <= 6; i++) {
      t.put("failing", Triggers.item("h" + i));
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
}
