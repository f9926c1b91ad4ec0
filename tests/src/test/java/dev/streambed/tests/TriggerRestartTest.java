package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.server.Config;
import dev.streambed.storage.memory.MemoryStorage;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * Streambed stopped in the middle of a stream and started again over the same store: the
 * mapping resumes from its stored checkpoint, so no record is skipped and the records the
 * function had finished are not delivered again.
 */
class TriggerRestartTest {

  @Test
  void aRestartInTheMiddleOfAStreamSkipsNothing() throws Exception {
    MemoryStorage storage = new MemoryStorage();
    try {
      String uuid;
      try (Streambed first = Streambed.start(Config.defaults(), Clock.systemUTC(), storage);
          Triggers t = new Triggers(first)) {
        t.table("restarted", StreamViewType.KEYS_ONLY);
        t.function("restarted", Triggers.recorder("    time.sleep(0.3)\n    return {}"), Map.of(), 3);
        String stream = t.ddb.describeTable(b -> b.tableName("restarted")).table().latestStreamArn();
        uuid = t.lambda.createEventSourceMapping(b -> b.functionName("restarted").eventSourceArn(stream).batchSize(1)
            .startingPosition(EventSourcePosition.LATEST)).uuid();
        for (int i = 1; i <= 6; i++) {
          t.put("restarted", Triggers.item("r" + i));
        }
        t.awaitEvents("restarted", 2);
      }

      try (Streambed second = Streambed.start(Config.defaults(), Clock.systemUTC(), storage);
          Triggers t = new Triggers(second)) {
        t.awaitQuiet();
        t.put("restarted", Triggers.item("r7"));
        t.awaitEvents("restarted", 7);
        t.awaitQuiet();
        List<String> ids = Triggers.ids(t.events("restarted"));
        // The two finished before the stop came once; the one in flight may come again.
        assertThat(Collections.frequency(ids, "r1")).isEqualTo(1);
        assertThat(Collections.frequency(ids, "r2")).isEqualTo(1);
        assertThat(ids.stream().distinct().toList()).containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7");
        assertThat(ids.size()).isLessThanOrEqualTo(8);
        assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()).isEqualTo("Enabled");
      }
    } finally {
      storage.close();
    }
  }
}
