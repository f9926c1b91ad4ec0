package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.time.MutableClock;
import dev.streambed.server.Config;
import dev.streambed.streams.StreamsConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/**
 * What a function receives from a stream trigger: AWS's event records, batches cut as AWS cuts
 * them (BatchSize matching records, the batching window on the injected clock, never waiting
 * when full), every mapping of a stream seeing every record, parents before children across a
 * rollover, and a deleted table's mappings stopping without following a new table of its name.
 */
class TriggerDeliveryTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
  private static Streambed streambed;
  private static Triggers t;

  @BeforeAll
  static void start() {
    streambed = Streambed.start(Config.defaults().withStreams(new StreamsConfig(1, Duration.ofHours(1))), CLOCK);
    t = new Triggers(streambed);
  }

  @AfterAll
  static void stop() {
    t.close();
    streambed.close();
  }

  @Test
  void theEventIsAwsStreamRecordWithTheStreamsArn() throws Exception {
    // The item and mapping of AWS's recorded test_dynamodb_event_source_mapping.
    String stream = t.table("recorded", StreamViewType.NEW_IMAGE);
    t.function("recorded-fn");
    t.lambda.createEventSourceMapping(b -> b.functionName("recorded-fn").eventSourceArn(stream).batchSize(1)
        .startingPosition(EventSourcePosition.TRIM_HORIZON).maximumBatchingWindowInSeconds(1).maximumRetryAttempts(1));
    t.put("recorded", Map.of("id", AttributeValue.fromS("hello world"),
        "binary_key", AttributeValue.fromB(SdkBytes.fromUtf8String("foobar"))));

    JsonNode event = t.awaitEvents("recorded-fn", 1).get(0);
    assertThat(event.size()).isEqualTo(1);
    JsonNode r = event.get("Records").get(0);
    assertThat(r.get("eventID").asText()).matches("[0-9a-f]{32}");
    assertThat(r.get("eventName").asText()).isEqualTo("INSERT");
    assertThat(r.get("eventVersion").asText()).isEqualTo("1.1");
    assertThat(r.get("eventSource").asText()).isEqualTo("aws:dynamodb");
    assertThat(r.get("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(r.get("eventSourceARN").asText()).isEqualTo(stream);
    JsonNode d = r.get("dynamodb");
    // A float of epoch seconds, as AWS's test asserts (isinstance(creation_time, float)).
    assertThat(d.get("ApproximateCreationDateTime").isFloatingPointNumber()).isTrue();
    assertThat(d.get("ApproximateCreationDateTime").asLong()).isEqualTo(CLOCK.millis() / 1000);
    assertThat(d.get("Keys").toString()).isEqualTo("{\"id\":{\"S\":\"hello world\"}}");
    assertThat(d.at("/NewImage/binary_key/B").asText()).isEqualTo("Zm9vYmFy");
    assertThat(d.has("OldImage")).isFalse();
    assertThat(d.get("SequenceNumber").asText()).matches("\\d{21,40}");
    // AWS recorded 70 bytes for this item with the key named my_partition_key; "id" is 14 shorter.
    assertThat(d.get("SizeBytes").asInt()).isEqualTo(70 - 2 * ("my_partition_key".length() - "id".length()));
    assertThat(d.get("StreamViewType").asText()).isEqualTo("NEW_IMAGE");
    assertThat(r.fieldNames()).toIterable().containsExactly("eventID", "eventName", "eventVersion", "eventSource",
        "awsRegion", "dynamodb", "eventSourceARN");
  }

  @Test
  void batchesWaitForTheBatchingWindowButNeverWhenFull() throws Exception {
    String stream = t.table("windowed", StreamViewType.NEW_IMAGE);
    t.function("windowed-fn");
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("windowed-fn").eventSourceArn(stream)
        .batchSize(3).maximumBatchingWindowInSeconds(5).startingPosition(EventSourcePosition.LATEST)).uuid();

    // Two records wait for a fuller batch (the clock does not move); the third fills it.
    t.put("windowed", Triggers.item("a"));
    t.put("windowed", Triggers.item("b"));
    t.put("windowed", Triggers.item("c"));
    assertThat(Triggers.ids(t.awaitEvents("windowed-fn", 1))).containsExactly("a", "b", "c");

    // Two more wait until the window has passed on the clock.
    t.put("windowed", Triggers.item("d"));
    t.put("windowed", Triggers.item("e"));
    assertThat(streambed.server().pollers().quiescent()).isFalse();
    CLOCK.advance(Duration.ofSeconds(5));
    List<JsonNode> events = t.awaitEvents("windowed-fn", 2);
    assertThat(Triggers.ids(events.subList(1, 2))).containsExactly("d", "e");

    // Seven at once: two full batches go at once, the seventh waits for the window.
    t.ddb.batchWriteItem(b -> b.requestItems(Map.of("windowed", IntStream.rangeClosed(1, 7)
        .mapToObj(i -> WriteRequest.builder().putRequest(p -> p.item(Triggers.item("f" + i))).build()).toList())));
    events = t.awaitEvents("windowed-fn", 4);
    assertThat(events.subList(2, 4)).allSatisfy(e -> assertThat(e.get("Records")).hasSize(3));
    assertThat(streambed.server().pollers().quiescent()).isFalse();
    CLOCK.advance(Duration.ofSeconds(5));
    events = t.awaitEvents("windowed-fn", 5);
    assertThat(Triggers.ids(events.subList(2, 5))).containsExactlyInAnyOrder("f1", "f2", "f3", "f4", "f5", "f6", "f7");
    assertThat(events.get(4).get("Records")).hasSize(1);
    t.awaitQuiet();
    assertThat(t.lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()).isEqualTo("OK");
  }

  @Test
  void aBatchHoldsBatchSizeMatchingRecordsWhateverTheFilterLeftOut() throws Exception {
    String stream = t.table("filtered-batches", StreamViewType.NEW_AND_OLD_IMAGES);
    t.function("filtered-batches-fn");
    // Created disabled, so that every record waits in the stream when the mapping starts.
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("filtered-batches-fn").eventSourceArn(stream)
        .batchSize(2).enabled(false).startingPosition(EventSourcePosition.TRIM_HORIZON)
        .filterCriteria(f -> f.filters(x -> x.pattern("{\"eventName\": [\"INSERT\"]}")))).uuid();
    t.put("filtered-batches", Triggers.item("a"));
    t.put("filtered-batches", Triggers.item("a", "v", 2));
    t.put("filtered-batches", Triggers.item("b"));
    t.put("filtered-batches", Triggers.item("b", "v", 2));
    t.put("filtered-batches", Triggers.item("c"));
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
    List<JsonNode> events = t.awaitEvents("filtered-batches-fn", 2);
    assertThat(Triggers.ids(events.subList(0, 1))).containsExactly("a", "b");
    assertThat(Triggers.ids(events.subList(1, 2))).containsExactly("c");
    assertThat(Triggers.records(events)).allSatisfy(r -> assertThat(r.get("eventName").asText()).isEqualTo("INSERT"));
    t.awaitQuiet();
    assertThat(t.events("filtered-batches-fn")).hasSize(2);
  }

  @Test
  void aBatchStaysWithinTheSixMegabytePayloadOfAnInvocation() throws Exception {
    String stream = t.table("large", StreamViewType.NEW_IMAGE);
    // Prints the size of the event instead of the event, which would not fit in a log line.
    t.function("large-fn", String.join("\n",
        "import json",
        "",
        "def lambda_handler(event, context):",
        "    ids = [r['dynamodb']['Keys']['id']['S'] for r in event['Records']]",
        "    print('SIZE ' + json.dumps({'ids': ids, 'bytes': len(json.dumps(event, separators=(',', ':')))}))",
        "    return {}",
        ""), Map.of(), 10);
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("large-fn").eventSourceArn(stream)
        .batchSize(100).enabled(false).startingPosition(EventSourcePosition.TRIM_HORIZON)).uuid();
    String payload = "x".repeat(350_000);
    for (int i = 1; i <= 20; i++) {
      t.put("large", Triggers.item(String.format("big%02d", i), "payload", payload));
    }
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
    t.awaitQuiet();
    List<JsonNode> sizes = t.lines("large-fn", "SIZE ");
    assertThat(sizes).hasSizeGreaterThan(1);
    assertThat(sizes).allSatisfy(s -> assertThat(s.get("bytes").asLong()).isLessThanOrEqualTo(6L * 1024 * 1024));
    // Each batch is as full as the limit allows: the next record would not have fitted.
    assertThat(sizes.get(0).get("bytes").asLong() + 350_000).isGreaterThan(6L * 1024 * 1024);
    List<String> ids = new java.util.ArrayList<>();
    sizes.forEach(s -> s.get("ids").forEach(id -> ids.add(id.asText())));
    assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("big%02d", i)).toList());
  }

  @Test
  void everyMappingOfAStreamSeesEveryRecord() throws Exception {
    String stream = t.table("shared", StreamViewType.KEYS_ONLY);
    for (String f : List.of("shared-one", "shared-two")) {
      t.function(f);
      t.lambda.createEventSourceMapping(b -> b.functionName(f).eventSourceArn(stream).batchSize(1)
          .startingPosition(EventSourcePosition.LATEST));
    }
    t.put("shared", Triggers.item("x"));
    t.put("shared", Triggers.item("y"));
    assertThat(Triggers.ids(t.awaitEvents("shared-one", 2))).containsExactly("x", "y");
    assertThat(Triggers.ids(t.awaitEvents("shared-two", 2))).containsExactly("x", "y");
  }

  @Test
  void aParentShardIsFinishedBeforeItsChild() throws Exception {
    String stream = t.table("rolled", StreamViewType.NEW_IMAGE);
    t.function("rolled-fn");
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("rolled-fn").eventSourceArn(stream)
        .batchSize(10).enabled(false).startingPosition(EventSourcePosition.TRIM_HORIZON)).uuid();
    t.put("rolled", Triggers.item("k", "v", 1));
    t.put("rolled", Triggers.item("k", "v", 2));
    CLOCK.advance(Duration.ofMinutes(61));
    t.put("rolled", Triggers.item("k", "v", 3));
    t.put("rolled", Triggers.item("k", "v", 4));
    var shards = streambed.streams().describeStream(b -> b.streamArn(stream)).streamDescription().shards();
    assertThat(shards).hasSize(2);
    assertThat(shards.get(1).parentShardId()).isEqualTo(shards.get(0).shardId());

    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
    List<JsonNode> events = t.awaitEvents("rolled-fn", 2);
    // A batch holds the records of one shard: the parent's first, then the child's.
    assertThat(events).extracting(e -> e.get("Records").size()).containsExactly(2, 2);
    assertThat(Triggers.records(events)).extracting(r -> r.at("/dynamodb/NewImage/v/N").asText())
        .containsExactly("1", "2", "3", "4");
  }

  @Test
  void aMappingEnabledAgainReadsTheShardsBornWhileItWasDisabled() throws Exception {
    String stream = t.table("reborn", StreamViewType.NEW_IMAGE);
    t.function("reborn-fn");
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("reborn-fn").eventSourceArn(stream)
        .batchSize(10).startingPosition(EventSourcePosition.LATEST)).uuid();
    t.put("reborn", Triggers.item("k", "v", 1));
    t.awaitEvents("reborn-fn", 1);
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
    t.put("reborn", Triggers.item("k", "v", 2));
    CLOCK.advance(Duration.ofMinutes(61));
    t.put("reborn", Triggers.item("k", "v", 3));
    t.lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
    t.awaitQuiet();
    // Resumed where it stopped, in the parent, then the child from its first record.
    assertThat(Triggers.records(t.events("reborn-fn"))).extracting(r -> r.at("/dynamodb/NewImage/v/N").asText())
        .containsExactly("1", "2", "3");
  }

  @Test
  void aDeletedTablesMappingsStopAndNeverFollowANewTableOfItsName() throws Exception {
    String stream = t.table("deleted", StreamViewType.NEW_IMAGE);
    t.function("deleted-fn");
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("deleted-fn").eventSourceArn(stream)
        .batchSize(1).startingPosition(EventSourcePosition.LATEST)).uuid();
    t.put("deleted", Triggers.item("before"));
    t.awaitEvents("deleted-fn", 1);
    t.ddb.deleteTable(b -> b.tableName("deleted"));
    t.awaitQuiet();
    // What AWS answers right after the table's deletion (test_deletion_event_source_mapping_with_dynamodb).
    var mapping = t.lambda.getEventSourceMapping(b -> b.uuid(uuid));
    assertThat(mapping.state()).isEqualTo("Enabled");
    assertThat(mapping.stateTransitionReason()).isEqualTo("User action");
    assertThat(mapping.eventSourceArn()).isEqualTo(stream);

    CLOCK.advance(Duration.ofSeconds(1));
    String again = t.table("deleted", StreamViewType.NEW_IMAGE);
    assertThat(again).isNotEqualTo(stream);
    t.put("deleted", Triggers.item("after"));
    t.awaitQuiet();
    assertThat(Triggers.ids(t.events("deleted-fn"))).containsExactly("before");
    // The new table's stream gets a mapping of its own.
    t.lambda.createEventSourceMapping(b -> b.functionName("deleted-fn").eventSourceArn(again)
        .batchSize(1).startingPosition(EventSourcePosition.TRIM_HORIZON));
    assertThat(Triggers.ids(t.awaitEvents("deleted-fn", 2))).containsExactly("before", "after");
  }

  @Test
  void aDisabledStreamEndsItsMappingsDelivery() throws Exception {
    String stream = t.table("switched-off", StreamViewType.NEW_IMAGE);
    t.function("switched-off-fn");
    t.lambda.createEventSourceMapping(b -> b.functionName("switched-off-fn").eventSourceArn(stream)
        .batchSize(1).startingPosition(EventSourcePosition.LATEST));
    t.put("switched-off", Triggers.item("on"));
    t.awaitEvents("switched-off-fn", 1);
    t.ddb.updateTable(b -> b.tableName("switched-off").streamSpecification(s -> s.streamEnabled(false)));
    t.put("switched-off", Triggers.item("off"));
    t.awaitQuiet();
    assertThat(Triggers.ids(t.events("switched-off-fn"))).containsExactly("on");
  }
}
