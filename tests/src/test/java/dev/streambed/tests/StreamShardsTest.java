package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.time.MutableClock;
import dev.streambed.server.Config;
import dev.streambed.streams.Streams;
import dev.streambed.streams.StreamsConfig;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Shards over time: rollover into child shards, trimming after 24 hours, several shards at
 * once, time to live's deletions, and readers that wait inside the process. Each test owns a
 * server and a clock.
 */
class StreamShardsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
  private Streambed streambed;
  private DynamoDbClient ddb;
  private DynamoDbStreamsClient streams;

  private void start(StreamsConfig config) {
    streambed = Streambed.start(Config.defaults().withStreams(config), clock);
    ddb = streambed.dynamoDb();
    streams = streambed.streams();
  }

  @AfterEach
  void stop() {
    ddb.close();
    streams.close();
    streambed.close();
  }

  private String table(String name, StreamViewType viewType) {
    return ddb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)))
        .tableDescription().latestStreamArn();
  }

  private void put(String table, String id, String value) {
    ddb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(value))));
  }

  private List<Shard> shards(String arn) {
    return streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards();
  }

  /** A shard's records from its trim horizon until the shard ends or has nothing more now. */
  private List<Record> read(String arn, String shardId) {
    List<Record> out = new ArrayList<>();
    String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    while (it != null) {
      String current = it;
      GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
      out.addAll(page.records());
      if (page.records().isEmpty()) {
        break;
      }
      it = page.nextShardIterator();
    }
    return out;
  }

  private String describeRaw(String body) {
    try {
      var request = java.net.http.HttpRequest.newBuilder(streambed.endpoint())
          .header("X-Amz-Target", "DynamoDBStreams_20120810.DescribeStream")
          .header("Content-Type", "application/x-amz-json-1.0")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
      var response = java.net.http.HttpClient.newHttpClient().send(request,
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> values(List<Record> records) {
    return records.stream().map(r -> r.dynamodb().newImage().get("v").s()).toList();
  }

  @Test
  void shardsRollOverIntoChildrenThatNameTheirParent() {
    start(new StreamsConfig(1, Duration.ofHours(4)));
    String arn = table("rolling", StreamViewType.NEW_IMAGE);
    put("rolling", "k", "1");
    clock.advance(Duration.ofHours(4));
    put("rolling", "k", "2");
    clock.advance(Duration.ofHours(4));

    List<Shard> shards = shards(arn);
    assertThat(shards).hasSize(3);
    Shard first = shards.get(0);
    Shard second = shards.get(1);
    Shard third = shards.get(2);
    assertThat(first.parentShardId()).isNull();
    assertThat(second.parentShardId()).isEqualTo(first.shardId());
    assertThat(third.parentShardId()).isEqualTo(second.shardId());
    assertThat(first.sequenceNumberRange().endingSequenceNumber()).isNotNull();
    assertThat(second.sequenceNumberRange().endingSequenceNumber()).isNotNull();
    assertThat(third.sequenceNumberRange().endingSequenceNumber()).isNull();
    assertThat(new BigInteger(second.sequenceNumberRange().startingSequenceNumber()))
        .isGreaterThan(new BigInteger(first.sequenceNumberRange().endingSequenceNumber()));

    // A closed shard is read to its end: its records, then no iterator.
    assertThat(values(read(arn, first.shardId()))).containsExactly("1");
    assertThat(values(read(arn, second.shardId()))).containsExactly("2");
    String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(first.shardId())
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    assertThat(streams.getRecords(b -> b.shardIterator(it)).nextShardIterator()).isNull();

    // The SDK of this build predates ShardFilter, so the request goes on the wire as JSON.
    String children = describeRaw("{\"StreamArn\":\"" + arn + "\",\"ShardFilter\":{\"Type\":\"CHILD_SHARDS\","
        + "\"ShardId\":\"" + first.shardId() + "\"}}");
    assertThat(children).contains("\"ShardId\":\"" + second.shardId() + "\"")
        .doesNotContain("\"ShardId\":\"" + first.shardId() + "\"")
        .doesNotContain("\"ShardId\":\"" + third.shardId() + "\"");

    var page = streams.describeStream(b -> b.streamArn(arn).limit(2)).streamDescription();
    assertThat(page.shards()).extracting(Shard::shardId).containsExactly(first.shardId(), second.shardId());
    assertThat(page.lastEvaluatedShardId()).isEqualTo(second.shardId());
    var rest = streams.describeStream(b -> b.streamArn(arn).exclusiveStartShardId(second.shardId())).streamDescription();
    assertThat(rest.shards()).extracting(Shard::shardId).containsExactly(third.shardId());
    assertThat(rest.lastEvaluatedShardId()).isNull();
  }

  @Test
  void recordsOlderThanADayAreTrimmedAndEmptyClosedShardsDisappear() {
    start(new StreamsConfig(1, Duration.ofHours(4)));
    String arn = table("trimmed", StreamViewType.NEW_IMAGE);
    put("trimmed", "a", "old");
    String firstShard = shards(arn).get(0).shardId();
    String oldSequence = read(arn, firstShard).get(0).dynamodb().sequenceNumber();

    clock.advance(Duration.ofHours(20));
    put("trimmed", "a", "young");
    clock.advance(Duration.ofHours(4).plusMinutes(14));
    // "old" is past 24 hours: trimmed. Its shard, closed four hours ago, is listed but empty.
    assertThat(shards(arn)).extracting(Shard::shardId).contains(firstShard);
    assertThat(read(arn, firstShard)).isEmpty();
    String horizon = streams.getShardIterator(b -> b.streamArn(arn).shardId(firstShard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    assertThat(streams.getRecords(b -> b.shardIterator(horizon)).nextShardIterator()).isNull();
    assertThatThrownBy(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(firstShard)
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(oldSequence)))
        .isInstanceOf(TrimmedDataAccessException.class)
        .hasMessageStartingWith("The data you are trying to access has been trimmed");
    List<String> all = new ArrayList<>();
    for (Shard s : shards(arn)) {
      all.addAll(values(read(arn, s.shardId())));
    }
    assertThat(all).containsExactly("young");

    // A day after it closed, the empty shard is no longer listed; reading it is trimmed data.
    clock.advance(Duration.ofHours(20));
    assertThat(shards(arn)).extracting(Shard::shardId).doesNotContain(firstShard);
    assertThatThrownBy(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(firstShard)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)))
        .isInstanceOf(TrimmedDataAccessException.class);
  }

  @Test
  void aReaderBehindTheTrimHorizonGetsTrimmedDataAccess() {
    start(new StreamsConfig(1, Duration.ofDays(7)));
    String arn = table("behind", StreamViewType.NEW_IMAGE);
    put("behind", "a", "1");
    String shardId = shards(arn).get(0).shardId();
    put("behind", "a", "2");
    clock.advance(Duration.ofHours(23).plusMinutes(50));
    // An iterator from 10 minutes before the first record turns 24 hours old.
    String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    put("behind", "a", "3");
    clock.advance(Duration.ofMinutes(11));
    assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(it)))
        .isInstanceOf(TrimmedDataAccessException.class);
    assertThat(values(read(arn, shardId))).containsExactly("3");
  }

  @Test
  void aDisabledStreamIsGoneAfterADay() {
    start(StreamsConfig.DEFAULTS);
    String arn = table("gone", StreamViewType.KEYS_ONLY);
    ddb.updateTable(b -> b.tableName("gone").streamSpecification(s -> s.streamEnabled(false)));
    clock.advance(Duration.ofHours(23));
    assertThat(streams.listStreams(b -> b.tableName("gone")).streams()).hasSize(1);
    clock.advance(Duration.ofHours(2));
    assertThat(streams.listStreams(b -> b.tableName("gone")).streams()).isEmpty();
    assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(arn)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void severalShardsSpreadKeysAndKeepEachKeysOrder() {
    start(new StreamsConfig(4, Duration.ofHours(1)));
    String arn = table("spread", StreamViewType.NEW_IMAGE);
    for (int round = 0; round < 3; round++) {
      for (int k = 0; k < 40; k++) {
        put("spread", "key" + k, Integer.toString(round));
      }
      clock.advance(Duration.ofHours(1));
    }
    List<Shard> shards = shards(arn);
    // Four generations of four shards (the last open and empty), each child naming its parent.
    assertThat(shards).hasSize(16);
    assertThat(shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)).hasSize(4);
    assertThat(shards.stream().filter(s -> s.parentShardId() == null)).hasSize(4);
    Map<String, List<String>> byKey = new HashMap<>();
    Map<String, String> shardOfKey = new HashMap<>();
    int used = 0;
    for (Shard s : shards) {
      List<Record> records = read(arn, s.shardId());
      if (!records.isEmpty()) {
        used++;
      }
      for (Record r : records) {
        String id = r.dynamodb().keys().get("id").s();
        byKey.computeIfAbsent(id, x -> new ArrayList<>()).add(r.dynamodb().newImage().get("v").s());
        if (s.parentShardId() == null) {
          assertThat(shardOfKey.put(id, s.shardId())).isNull();
        }
      }
    }
    assertThat(used).isGreaterThan(3);
    assertThat(byKey).hasSize(40);
    byKey.values().forEach(v -> assertThat(v).containsExactly("0", "1", "2"));
  }

  @Test
  void timeToLiveDeletionsAreMarkedAsTheService() {
    start(StreamsConfig.DEFAULTS);
    String arn = table("expiring", StreamViewType.OLD_IMAGE);
    ddb.updateTimeToLive(b -> b.tableName("expiring").timeToLiveSpecification(s -> s.enabled(true).attributeName("ttl")));
    long now = clock.millis() / 1000;
    ddb.putItem(b -> b.tableName("expiring").item(Map.of("id", AttributeValue.fromS("e"),
        "ttl", AttributeValue.fromN(Long.toString(now + 10)))));
    ddb.deleteItem(b -> b.tableName("expiring").key(Map.of("id", AttributeValue.fromS("missing"))));
    clock.advance(Duration.ofMinutes(1));
    streambed.server().dynamoDb().timeToLive().sweep();

    List<Record> records = read(arn, shards(arn).get(0).shardId());
    assertThat(records).hasSize(2);
    assertThat(records.get(0).userIdentity()).isNull();
    Record removal = records.get(1);
    assertThat(removal.eventNameAsString()).isEqualTo("REMOVE");
    assertThat(removal.userIdentity().type()).isEqualTo("Service");
    assertThat(removal.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
    assertThat(removal.dynamodb().oldImage().get("ttl").n()).isEqualTo(Long.toString(now + 10));
  }

  @Test
  void aReaderInsideTheProcessIsWokenByTheWrite() throws Exception {
    start(StreamsConfig.DEFAULTS);
    String arn = table("woken", StreamViewType.NEW_IMAGE);
    Streams inside = streambed.server().streams();
    String shardId = inside.describe(arn).shards().get(0).shardId();
    long position = inside.position(arn, shardId, Streams.IteratorType.LATEST, null);
    CompletableFuture<Void> woken = inside.whenReadable(arn, shardId, position);
    assertThat(woken).isNotDone();
    put("woken", "w", "hello");
    woken.get(5, TimeUnit.SECONDS);
    Streams.Page page = inside.read(arn, shardId, position, 100);
    assertThat(page.records()).hasSize(1);
    assertThat(page.records().get(0).newImage().get("v").toString()).contains("hello");
    assertThat(page.ended()).isFalse();
    assertThat(inside.whenReadable(arn, shardId, page.after())).isNotDone();
  }

  @Test
  void concurrentWritersAreReadExactlyOnceInEachKeysOrder() throws Exception {
    start(new StreamsConfig(2, Duration.ofHours(4)));
    String arn = table("busy", StreamViewType.NEW_IMAGE);
    Streams inside = streambed.server().streams();
    int writers = 6;
    int perWriter = 300;
    // A reader follows the shards while the writers run, as a trigger would.
    Map<String, List<Integer>> seen = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> shardIds = inside.describe(arn).shards().stream().map(s -> s.shardId()).toList();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    List<Thread> readers = new ArrayList<>();
    for (String shardId : shardIds) {
      Thread t = new Thread(() -> {
        long after = inside.position(arn, shardId, Streams.IteratorType.TRIM_HORIZON, null);
        while (true) {
          Streams.Page page = inside.read(arn, shardId, after, 1000);
          for (var r : page.records()) {
            String id = ((dev.streambed.kernel.value.AttributeValue.S) r.keys().get("id")).value();
            String v = ((dev.streambed.kernel.value.AttributeValue.S) r.newImage().get("v")).value();
            seen.computeIfAbsent(id, x -> java.util.Collections.synchronizedList(new ArrayList<>())).add(Integer.parseInt(v));
          }
          after = page.after();
          if (page.records().isEmpty()) {
            if (done.get() && inside.read(arn, shardId, after, 1).records().isEmpty()) {
              return;
            }
            try {
              inside.awaitReadable(arn, shardId, after, Duration.ofMillis(200));
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      });
      t.start();
      readers.add(t);
    }
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      Thread t = new Thread(() -> {
        try (DynamoDbClient client = streambed.dynamoDb()) {
          for (int i = 0; i < perWriter; i++) {
            // Writers share keys, so writes to one key race and are linearized.
            String id = "key" + (i % 10);
            String value = Integer.toString(writer * 100_000 + i);
            client.putItem(b -> b.tableName("busy").item(Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromS(value))));
          }
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    done.set(true);
    for (Thread t : readers) {
      t.join(10_000);
    }
    int total = seen.values().stream().mapToInt(List::size).sum();
    assertThat(total).isEqualTo(writers * perWriter);
    // Per key, each writer's values appear in the order it wrote them.
    for (List<Integer> values : seen.values()) {
      Map<Integer, Integer> lastOfWriter = new HashMap<>();
      for (int v : values) {
        Integer last = lastOfWriter.put(v / 100_000, v);
        if (last != null) {
          assertThat(v).isGreaterThan(last);
        }
      }
    }
    // And the stream's order per key is the table's: the last record of each key is its item.
    for (Map.Entry<String, List<Integer>> e : seen.entrySet()) {
      String stored = ddb.getItem(b -> b.tableName("busy").key(Map.of("id", AttributeValue.fromS(e.getKey()))))
          .item().get("v").s();
      assertThat(e.getValue().get(e.getValue().size() - 1)).isEqualTo(Integer.parseInt(stored));
    }
  }
}
