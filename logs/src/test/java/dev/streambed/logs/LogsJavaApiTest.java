package dev.streambed.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.time.MutableClock;
import dev.streambed.logs.event.EventPage;
import dev.streambed.logs.event.InputEvent;
import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.storage.memory.MemoryStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Java API other services call: append without HTTP, and wait for new events. */
class LogsJavaApiTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final Logs logs = new Logs(new MemoryStorage(), clock);
  private final GroupRef group = new GroupRef("000000000000", "us-east-1", "/aws/lambda/fn");

  @Test
  void appendCreatesGroupAndStreamAndSortsEvents() {
    long now = clock.millis();
    logs.append(group, "2026/03/01/[$LATEST]abc", List.of(
        new InputEvent(now, "second"), new InputEvent(now - 5, "first")));
    LogGroup g = logs.groups().require(group);
    EventPage page = logs.events().get(g, "2026/03/01/[$LATEST]abc", null, null, true, 100, null);
    assertThat(page.events()).extracting(StoredEvent::message).containsExactly("first", "second");
  }

  @Test
  void listenersAndWaitersHearOfAppends() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (AutoCloseable sub = logs.subscribe(group, batch -> batch.forEach(e -> heard.add(e.message())))) {
      long seen = logs.watch().version(group);
      CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
        try {
          return logs.awaitEvents(group, seen, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      logs.append(group, "s", List.of(new InputEvent(clock.millis(), "hello")));
      assertThat(waiter.get(10, TimeUnit.SECONDS)).isGreaterThan(seen);
      assertThat(heard).containsExactly("hello");
    }
    logs.append(group, "s", List.of(new InputEvent(clock.millis(), "unheard")));
    assertThat(heard).containsExactly("hello");
  }

  @Test
  void awaitReturnsAtTimeoutWhenNothingArrives() throws Exception {
    long seen = logs.watch().version(group);
    assertThat(logs.awaitEvents(group, seen, Duration.ofMillis(20))).isEqualTo(seen);
  }

  @Test
  void retentionHidesAndThenDeletesOldEvents() {
    long now = clock.millis();
    logs.append(group, "s", List.of(new InputEvent(now - 2 * 86_400_000L, "old"), new InputEvent(now, "new")));
    logs.groups().putRetention(group, 1);
    LogGroup g = logs.groups().require(group);
    assertThat(logs.events().get(g, "s", null, null, true, 100, null).events())
        .extracting(StoredEvent::message).containsExactly("new");
    clock.advance(Duration.ofDays(2));
    logs.append(group, "s", List.of(new InputEvent(clock.millis(), "newest")));
    logs.groups().putRetention(group, null);
    assertThat(logs.events().get(logs.groups().require(group), "s", null, null, true, 100, null).events())
        .extracting(StoredEvent::message).containsExactly("newest");
  }

  @Test
  void sweepDeletesExpiredEventsOfIdleStreams() {
    logs.append(group, "idle", List.of(new InputEvent(clock.millis(), "a"), new InputEvent(clock.millis(), "b")));
    logs.groups().putRetention(group, 1);
    assertThat(logs.deleteExpiredEvents()).isZero();
    clock.advance(Duration.ofDays(1).plusMillis(1));
    assertThat(logs.deleteExpiredEvents()).isEqualTo(2);
  }

  @Test
  void appendSplitsLargeBatchesAndCutsOverlongMessages() {
    long now = clock.millis();
    String big = "é".repeat(600_000);
    logs.append(group, "big", List.of(new InputEvent(now, big), new InputEvent(now, big)));
    LogGroup g = logs.groups().require(group);
    // Each event nearly fills a 1 MB response, so they come one per page.
    EventPage first = logs.events().get(g, "big", null, null, true, 10, null);
    assertThat(first.events().size()).isEqualTo(1);
    assertThat(first.events().get(0).message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(1_048_576 - 26);
    EventPage second = logs.events().get(g, "big", null, null, true, 10, first.nextForwardToken());
    assertThat(second.events().size()).isEqualTo(1);
  }

  @Test
  void concurrentWritersToOneStreamLoseNothing() throws Exception {
    logs.ensureStream(group, "busy");
    List<CompletableFuture<Void>> writers = new java.util.ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 50; i++) {
          logs.append(group, "busy", List.of(new InputEvent(clock.millis(), writer + ":" + i)));
        }
      }));
    }
    CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    List<StoredEvent> stored = logs.events().get(logs.groups().require(group), "busy", null, null, true, 1000, null).events();
    assertThat(stored).hasSize(200);
    assertThat(stored.stream().map(StoredEvent::sequence).distinct().count()).isEqualTo(200);
  }
}
