package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * ParallelizationFactor: several batches of one shard in flight at once, each partition key's
 * records still in order, and a checkpoint that only passes what every lane has finished.
 */
class TriggerParallelTest {
  private static Streambed streambed;
  private static Triggers t;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    t = new Triggers(streambed);
  }

  @AfterAll
  static void stop() {
    t.close();
    streambed.close();
  }

  private static int logStreams(String function) {
    return t.logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/" + function)).logStreams().size();
  }

  @Test
  void batchesOfOneShardRunInParallelAndEachKeyStaysInOrder() throws Exception {
    String stream = t.table("parallel", StreamViewType.NEW_IMAGE);
    Map<String, String> uuids = new HashMap<>();
    for (int factor : List.of(1, 4)) {
      String f = "parallel-" + factor;
      t.function(f, Triggers.recorder("    time.sleep(0.2)\n    return {}"), Map.of(), 3);
      uuids.put(f, t.lambda.createEventSourceMapping(b -> b.functionName(f).eventSourceArn(stream).batchSize(5)
          .parallelizationFactor(factor).enabled(false).startingPosition(EventSourcePosition.TRIM_HORIZON)).uuid());
    }
    for (int v = 1; v <= 4; v++) {
      for (int k = 0; k < 8; k++) {
        t.put("parallel", Triggers.item("k" + k, "v", v));
      }
    }
    uuids.values().forEach(u -> t.lambda.updateEventSourceMapping(b -> b.uuid(u).enabled(true)));
    t.awaitQuiet();
    for (String f : uuids.keySet()) {
      Map<String, List<String>> versions = new HashMap<>();
      for (JsonNode r : Triggers.records(t.events(f))) {
        versions.computeIfAbsent(r.at("/dynamodb/Keys/id/S").asText(), k -> new ArrayList<>())
            .add(r.at("/dynamodb/NewImage/v/N").asText());
      }
      assertThat(versions).as(f).hasSize(8)
          .allSatisfy((key, seen) -> assertThat(seen).as(key).containsExactly("1", "2", "3", "4"));
    }
    // An environment is started only when those there are all busy: one at a time with a
    // factor of 1, several at once with 4.
    assertThat(logStreams("parallel-1")).isEqualTo(1);
    assertThat(logStreams("parallel-4")).isGreaterThan(1);
  }

  @Test
  void theCheckpointWaitsForTheSlowestLane() throws Exception {
    String stream = t.table("lanes", StreamViewType.KEYS_ONLY);
    Path marker = dir.resolve("slow-in-flight");
    // The first invocation with "slow" marks that it is in flight and takes long; later ones are quick.
    t.function("lanes", Triggers.recorder(String.join("\n",
        "    ids = [r['dynamodb']['Keys']['id']['S'] for r in event['Records']]",
        "    marker = os.environ['MARKER']",
        "    if 'slow' in ids and not os.path.exists(marker):",
        "        open(marker, 'w').write('in flight')",
        "        time.sleep(30)",
        "    return {}")), Map.of("MARKER", marker.toString()), 60);
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("lanes").eventSourceArn(stream).batchSize(1)
        .parallelizationFactor(2).startingPosition(EventSourcePosition.LATEST)).uuid();
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      t.put("lanes", Triggers.item("slow"));
      for (int i = 1; i <= 10; i++) {
        t.put("lanes", Triggers.item("fast" + i));
      }
      while (!Files.exists(marker)) {
        assertThat(watch.poll(90, TimeUnit.SECONDS)).as("slow's invocation started").isNotNull().satisfies(k -> k.reset());
      }
    }
    // While "slow" is in flight, the other lane's records are delivered (and its own wait).
    List<String> whileSlow = Triggers.ids(t.awaitEvents("lanes", 1));
    assertThat(whileSlow).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith("fast"));

    // Stopped while "slow" is unfinished: started again, it is delivered again, never skipped.
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
    t.awaitQuiet();
    List<String> ids = Triggers.ids(t.events("lanes"));
    assertThat(ids.stream().filter(id -> id.equals("slow")).count()).isEqualTo(2);
    for (int i = 1; i <= 10; i++) {
      assertThat(ids).contains("fast" + i);
    }
  }
}
