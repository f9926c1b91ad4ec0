package dev.streambed.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.time.MutableClock;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.storage.Batch;
import dev.streambed.storage.Storage;
import dev.streambed.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stream read back from storage after a restart: a sequence number taken by a write that never
 * committed is a gap, not a trim point, and numbers trimmed away are never handed out again.
 */
class StreamsRecoveryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
  private final Storage storage = new MemoryStorage();
  private final StreamSpec spec = new StreamSpec("000000000000", "us-east-1", "t",
      "arn:aws:dynamodb:us-east-1:000000000000:table/t", "2026-06-01T00:00:00.000", "KEYS_ONLY",
      List.of(new KeyElement("id", "HASH")), clock.millis());

  private Runnable append(Streams streams, String id, boolean commit) {
    Map<String, AttributeValue> keys = Map.of("id", AttributeValue.s(id));
    Batch batch = new Batch();
    Runnable settle = streams.append(spec.arn(), id.getBytes(StandardCharsets.UTF_8), keys, null, keys, false, batch);
    if (commit) {
      storage.commit(batch);
    }
    settle.run();
    return settle;
  }


  @Test
  void aNumberTakenByAWriteThatNeverCommittedIsAGapAfterARestart() {
    Streams before = new Streams(storage, clock, StreamsConfig.DEFAULTS);
    before.create(spec);
    String shard = before.describe(spec.arn()).shards().get(0).shardId();
    long start = before.position(spec.arn(), shard, Streams.IteratorType.TRIM_HORIZON, null);
    append(before, "lost", false);
    append(before, "a", true);
    append(before, "b", true);

    Streams after = new Streams(storage, clock, StreamsConfig.DEFAULTS);
    // A reader that had read nothing yet goes on from where it was, and sees both records.
    Streams.Page page = after.read(spec.arn(), shard, start, 100);
    assertThat(page.records()).hasSize(2);
    assertThat(after.position(spec.arn(), shard, Streams.IteratorType.TRIM_HORIZON, null)).isEqualTo(start);
  }

  @Test
  void trimmedNumbersStayTrimmedAndAreNeverHandedOutAgain() {
    // One shard for the whole test: no rollover in the day that passes.
    StreamsConfig oneShard = new StreamsConfig(1, Duration.ofDays(30));
    Streams before = new Streams(storage, clock, oneShard);
    before.create(spec);
    String shard = before.describe(spec.arn()).shards().get(0).shardId();
    long start = before.position(spec.arn(), shard, Streams.IteratorType.TRIM_HORIZON, null);
    append(before, "a", true);
    append(before, "b", true);
    long last = before.read(spec.arn(), shard, start, 100).after();
    clock.advance(Duration.ofHours(25));
    before.maintain();

    Streams after = new Streams(storage, clock, oneShard);
    assertThatThrownBy(() -> after.read(spec.arn(), shard, start, 100)).isInstanceOf(AwsException.class)
        .hasMessageContaining("trimmed");
    append(after, "c", true);
    Streams.Page page = after.read(spec.arn(), shard, last, 100);
    assertThat(page.records()).hasSize(1);
    assertThat(page.records().get(0).sequence()).isGreaterThan(last);
  }
}
