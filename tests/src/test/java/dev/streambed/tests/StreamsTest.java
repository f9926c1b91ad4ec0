package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.time.MutableClock;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Streams through the SDK: enabling and disabling, the records every kind of write
 * produces, iterators and their errors. Time moves on the injected clock.
 */
class StreamsTest {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
  private static Streambed streambed;
  private static DynamoDbClient ddb;
  private static DynamoDbStreamsClient streams;

  @BeforeAll
  static void start() {
    streambed = Streambed.start(CLOCK);
    ddb = streambed.dynamoDb();
    streams = streambed.streams();
  }

  @AfterAll
  static void stop() {
    ddb.close();
    streams.close();
    streambed.close();
  }

  static TableDescription createTable(String name, StreamViewType viewType) {
    return ddb.createTable(b -> {
      b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
          .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build());
      if (viewType != null) {
        b.streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType));
      }
    }).tableDescription();
  }

  static Map<String, AttributeValue> item(String id, Object... pairs) {
    Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
    item.put("id", AttributeValue.fromS(id));
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      item.put((String) pairs[i], v instanceof Number ? AttributeValue.fromN(v.toString()) : AttributeValue.fromS(v.toString()));
    }
    return item;
  }

  static Map<String, AttributeValue> key(String id) {
    return Map.of("id", AttributeValue.fromS(id));
  }

  /** Every record of the stream's shards, reading each shard from its start to where it ends now. */
  static List<Record> readAll(String streamArn) {
    List<Record> all = new ArrayList<>();
    for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
      String it = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (it != null) {
        String current = it;
        GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
        all.addAll(page.records());
        if (page.records().isEmpty()) {
          break;
        }
        it = page.nextShardIterator();
      }
    }
    return all;
  }

  @Test
  void aStreamEnabledAtCreationIsDescribedAsAwsDescribesIt() {
    TableDescription table = createTable("described", StreamViewType.NEW_AND_OLD_IMAGES);
    assertThat(table.streamSpecification().streamEnabled()).isTrue();
    assertThat(table.latestStreamArn()).isEqualTo(table.tableArn() + "/stream/" + table.latestStreamLabel());

    DescribeStreamResponse d = streams.describeStream(b -> b.streamArn(table.latestStreamArn()));
    var s = d.streamDescription();
    assertThat(s.streamArn()).isEqualTo(table.latestStreamArn());
    assertThat(s.streamLabel()).isEqualTo(table.latestStreamLabel());
    assertThat(s.streamStatus()).isEqualTo(StreamStatus.ENABLED);
    assertThat(s.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    assertThat(s.tableName()).isEqualTo("described");
    assertThat(s.creationRequestDateTime()).isEqualTo(CLOCK.instant());
    assertThat(s.keySchema()).containsExactly(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build());
    assertThat(s.shards()).hasSize(1);
    Shard shard = s.shards().get(0);
    assertThat(shard.shardId()).matches("shardId-\\d{20}-[0-9a-f]{8}");
    assertThat(shard.parentShardId()).isNull();
    assertThat(shard.sequenceNumberRange().startingSequenceNumber()).matches("\\d{21,40}");
    assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
    assertThat(s.lastEvaluatedShardId()).isNull();

    var listed = streams.listStreams(b -> b.tableName("described")).streams();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).streamArn()).isEqualTo(table.latestStreamArn());
    assertThat(listed.get(0).tableName()).isEqualTo("described");
    assertThat(listed.get(0).streamLabel()).isEqualTo(table.latestStreamLabel());
  }

  @Test
  void putUpdateAndDeleteMakeInsertModifyAndRemoveRecordsWithBothImages() {
    String arn = createTable("users_post", StreamViewType.NEW_AND_OLD_IMAGES).latestStreamArn();
    ddb.putItem(b -> b.tableName("users_post").item(item("u1", "name", "Ada")));
    ddb.updateItem(b -> b.tableName("users_post").key(key("u1")).updateExpression("SET age = :a")
        .expressionAttributeValues(Map.of(":a", AttributeValue.fromN("36"))));
    ddb.deleteItem(b -> b.tableName("users_post").key(key("u1")));

    List<Record> records = readAll(arn);
    assertThat(records).extracting(Record::eventName)
        .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
    Record insert = records.get(0);
    assertThat(insert.eventID()).matches("[0-9a-f]{32}");
    assertThat(insert.eventVersion()).isEqualTo("1.1");
    assertThat(insert.eventSource()).isEqualTo("aws:dynamodb");
    assertThat(insert.awsRegion()).isEqualTo("us-east-1");
    assertThat(insert.userIdentity()).isNull();
    assertThat(insert.dynamodb().approximateCreationDateTime()).isEqualTo(CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(insert.dynamodb().keys()).isEqualTo(key("u1"));
    assertThat(insert.dynamodb().newImage()).isEqualTo(item("u1", "name", "Ada"));
    assertThat(insert.dynamodb().hasOldImage()).isFalse();
    assertThat(insert.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    // Item sizes: key {id: u1} is 4 bytes, {id: u1, name: Ada} 4 + 4 + 3 = 11.
    assertThat(insert.dynamodb().sizeBytes()).isEqualTo(4 + 11);

    Record modify = records.get(1);
    assertThat(modify.dynamodb().oldImage()).isEqualTo(item("u1", "name", "Ada"));
    assertThat(modify.dynamodb().newImage()).isEqualTo(item("u1", "name", "Ada", "age", 36));
    // {id, name, age: 36}: 11 + 3 (name "age") + 2 (number 36) = 16.
    assertThat(modify.dynamodb().sizeBytes()).isEqualTo(4 + 16 + 11);

    Record remove = records.get(2);
    assertThat(remove.dynamodb().hasNewImage()).isFalse();
    assertThat(remove.dynamodb().oldImage()).isEqualTo(item("u1", "name", "Ada", "age", 36));
    assertThat(remove.dynamodb().sizeBytes()).isEqualTo(4 + 16);

    BigInteger previous = BigInteger.valueOf(-1);
    for (Record r : records) {
      BigInteger seq = new BigInteger(r.dynamodb().sequenceNumber());
      assertThat(r.dynamodb().sequenceNumber()).matches("\\d{21,40}");
      assertThat(seq).isGreaterThan(previous);
      previous = seq;
    }
    assertThat(records).extracting(Record::eventID).doesNotHaveDuplicates();
  }

  @Test
  void writesThatChangeNothingMakeNoRecord() {
    String arn = createTable("unchanged", StreamViewType.NEW_AND_OLD_IMAGES).latestStreamArn();
    ddb.putItem(b -> b.tableName("unchanged").item(item("a", "n", 1)));
    ddb.putItem(b -> b.tableName("unchanged").item(item("a", "n", 1)));
    ddb.updateItem(b -> b.tableName("unchanged").key(key("a")).updateExpression("SET n = :n")
        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))));
    ddb.deleteItem(b -> b.tableName("unchanged").key(key("missing")));
    assertThatThrownBy(() -> ddb.putItem(b -> b.tableName("unchanged").item(item("a", "n", 2))
        .conditionExpression("attribute_not_exists(id)")))
        .isInstanceOf(ConditionalCheckFailedException.class);

    assertThat(readAll(arn)).extracting(Record::eventName).containsExactly(OperationType.INSERT);
  }

  @Test
  void eachViewTypeCarriesItsImages() {
    for (StreamViewType type : List.of(StreamViewType.KEYS_ONLY, StreamViewType.NEW_IMAGE, StreamViewType.OLD_IMAGE)) {
      String table = "view_" + type.toString().toLowerCase();
      String arn = createTable(table, type).latestStreamArn();
      ddb.putItem(b -> b.tableName(table).item(item("k", "v", "one")));
      ddb.putItem(b -> b.tableName(table).item(item("k", "v", "two")));
      List<Record> records = readAll(arn);
      assertThat(records).hasSize(2);
      Record modify = records.get(1);
      assertThat(modify.eventName()).isEqualTo(OperationType.MODIFY);
      assertThat(modify.dynamodb().keys()).isEqualTo(key("k"));
      assertThat(modify.dynamodb().streamViewType()).isEqualTo(type);
      assertThat(modify.dynamodb().hasNewImage()).isEqualTo(type == StreamViewType.NEW_IMAGE);
      assertThat(modify.dynamodb().hasOldImage()).isEqualTo(type == StreamViewType.OLD_IMAGE);
      // {id: k} is 2 + 1 bytes; {id: k, v: two} adds 1 + 3.
      long keySize = 2 + 1;
      long imageSize = keySize + 1 + 3;
      assertThat(modify.dynamodb().sizeBytes()).isEqualTo(type == StreamViewType.KEYS_ONLY ? keySize : keySize + imageSize);
    }
  }

  @Test
  void batchesAndTransactionsMakeOneRecordPerChangedItem() {
    String arn = createTable("batched", StreamViewType.NEW_IMAGE).latestStreamArn();
    ddb.putItem(b -> b.tableName("batched").item(item("same", "v", 1)));
    ddb.batchWriteItem(b -> b.requestItems(Map.of("batched", List.of(
        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item("same", "v", 1))).build(),
        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item("b1"))).build(),
        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item("b2"))).build()))));
    ddb.transactWriteItems(b -> b.transactItems(
        t -> t.put(p -> p.tableName("batched").item(item("t1"))),
        t -> t.update(u -> u.tableName("batched").key(key("b1")).updateExpression("SET x = :x")
            .expressionAttributeValues(Map.of(":x", AttributeValue.fromS("y")))),
        t -> t.delete(d -> d.tableName("batched").key(key("same"))),
        t -> t.conditionCheck(c -> c.tableName("batched").key(key("b2")).conditionExpression("attribute_exists(id)"))));

    List<Record> records = readAll(arn);
    assertThat(records).extracting(r -> r.eventName() + " " + r.dynamodb().keys().get("id").s())
        .containsExactly("INSERT same", "INSERT b1", "INSERT b2", "INSERT t1", "MODIFY b1", "REMOVE same");
  }

  @Test
  void partiQlWritesMakeTheirRecordsThroughTheOneWritePath() {
    String arn = createTable("partiql", StreamViewType.NEW_AND_OLD_IMAGES).latestStreamArn();
    ddb.executeStatement(b -> b.statement("INSERT INTO partiql VALUE {'id': 'p1', 'v': 1}"));
    ddb.executeStatement(b -> b.statement("UPDATE partiql SET v = 2 WHERE id = 'p1'"));
    ddb.executeStatement(b -> b.statement("UPDATE partiql SET v = 2 WHERE id = 'p1'"));
    ddb.executeTransaction(b -> b.transactStatements(
        s -> s.statement("INSERT INTO partiql VALUE {'id': 'p2'}"),
        s -> s.statement("DELETE FROM partiql WHERE id = 'p1'")));

    List<Record> records = readAll(arn);
    assertThat(records).extracting(r -> r.eventName() + " " + r.dynamodb().keys().get("id").s())
        .containsExactly("INSERT p1", "MODIFY p1", "INSERT p2", "REMOVE p1");
    assertThat(records.get(1).dynamodb().oldImage().get("v").n()).isEqualTo("1");
    assertThat(records.get(1).dynamodb().newImage().get("v").n()).isEqualTo("2");
  }

  @Test
  void aRecordIsVisibleTheMomentItsWriteIsAnswered() {
    String arn = createTable("prompt", StreamViewType.KEYS_ONLY).latestStreamArn();
    String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    GetRecordsResponse empty = streams.getRecords(b -> b.shardIterator(it));
    assertThat(empty.records()).isEmpty();
    assertThat(empty.nextShardIterator()).isNotNull();
    for (int i = 0; i < 50; i++) {
      String id = "k" + i;
      ddb.putItem(b -> b.tableName("prompt").item(item(id)));
    }
    List<Record> seen = new ArrayList<>();
    String next = empty.nextShardIterator();
    while (seen.size() < 50) {
      String current = next;
      GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(7));
      assertThat(page.records()).isNotEmpty().hasSizeLessThanOrEqualTo(7);
      seen.addAll(page.records());
      next = page.nextShardIterator();
    }
    assertThat(seen).extracting(r -> r.dynamodb().keys().get("id").s())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> "k" + i).toList());
  }

  @Test
  void iteratorsAtAndAfterASequenceNumberStartThereOrJustBeyond() {
    String arn = createTable("positions", StreamViewType.KEYS_ONLY).latestStreamArn();
    for (String id : List.of("a", "b", "c")) {
      ddb.putItem(b -> b.tableName("positions").item(item(id)));
    }
    List<Record> records = readAll(arn);
    String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String second = records.get(1).dynamodb().sequenceNumber();
    String at = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(second)).shardIterator();
    assertThat(streams.getRecords(b -> b.shardIterator(at)).records())
        .extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("b", "c");
    String after = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(second)).shardIterator();
    assertThat(streams.getRecords(b -> b.shardIterator(after)).records())
        .extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("c");
    assertThat(at).startsWith(arn + "|1|");
  }

  @Test
  void disablingClosesTheShardsAndEnablingAgainMakesANewStream() {
    String first = createTable("toggled", StreamViewType.NEW_AND_OLD_IMAGES).latestStreamArn();
    ddb.putItem(b -> b.tableName("toggled").item(item("x")));
    CLOCK.advance(Duration.ofSeconds(1));
    TableDescription disabled = ddb.updateTable(b -> b.tableName("toggled")
        .streamSpecification(s -> s.streamEnabled(false))).tableDescription();
    assertThat(disabled.latestStreamArn()).isEqualTo(first);

    var d = streams.describeStream(b -> b.streamArn(first)).streamDescription();
    assertThat(d.streamStatus()).isEqualTo(StreamStatus.DISABLED);
    Shard closed = d.shards().get(0);
    assertThat(closed.sequenceNumberRange().endingSequenceNumber()).isNotNull();

    // A write now makes no record, and the closed shard ends after its one record.
    ddb.putItem(b -> b.tableName("toggled").item(item("y")));
    String it = streams.getShardIterator(b -> b.streamArn(first).shardId(closed.shardId())
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(it));
    assertThat(page.records()).extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("x");
    assertThat(page.records().get(0).dynamodb().sequenceNumber())
        .isEqualTo(closed.sequenceNumberRange().endingSequenceNumber());
    assertThat(page.nextShardIterator()).isNull();

    CLOCK.advance(Duration.ofSeconds(1));
    TableDescription again = ddb.updateTable(b -> b.tableName("toggled")
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))).tableDescription();
    assertThat(again.latestStreamArn()).isNotEqualTo(first);
    assertThat(again.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
    assertThat(streams.listStreams(b -> b.tableName("toggled")).streams())
        .extracting(s -> s.streamArn()).containsExactly(again.latestStreamArn(), first);
    ddb.putItem(b -> b.tableName("toggled").item(item("z")));
    assertThat(readAll(again.latestStreamArn())).extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("z");
  }

  @Test
  void theStreamOfADeletedTableStaysReadable() {
    String arn = createTable("dropped", StreamViewType.KEYS_ONLY).latestStreamArn();
    ddb.putItem(b -> b.tableName("dropped").item(item("last")));
    ddb.deleteTable(b -> b.tableName("dropped"));
    var d = streams.describeStream(b -> b.streamArn(arn)).streamDescription();
    assertThat(d.streamStatus()).isEqualTo(StreamStatus.DISABLED);
    assertThat(readAll(arn)).extracting(r -> r.dynamodb().keys().get("id").s()).containsExactly("last");
  }

  @Test
  void enablingAndDisablingAreRefusedAsAwsRefusesThem() {
    createTable("refusals", StreamViewType.KEYS_ONLY);
    assertThatThrownBy(() -> ddb.updateTable(b -> b.tableName("refusals")
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageStartingWith("Table already has an enabled stream: TableName: refusals");
    createTable("refusals_none", null);
    assertThatThrownBy(() -> ddb.updateTable(b -> b.tableName("refusals_none")
        .streamSpecification(s -> s.streamEnabled(false))))
        .isInstanceOf(DynamoDbException.class)
        .extracting(e -> ((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException");
  }

  @Test
  void badRequestsGetStreamsErrors() {
    String arn = createTable("errors", StreamViewType.KEYS_ONLY).latestStreamArn();
    String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String missing = "arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2026-01-01T00:00:00.000";

    assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(missing)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Requested resource not found: Stream: " + missing + " not found");
    assertError(() -> streams.describeStream(b -> b.streamArn(arn).limit(0)), "ValidationException",
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    assertError(() -> streams.describeStream(b -> b.streamArn(arn).limit(101)), "ValidationException",
        "One or more parameter values were invalid: Limit cannot be greater than the maximum: 100");
    assertError(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId("shardId-00000000000000000001-00000000")
        .shardIteratorType(ShardIteratorType.LATEST)), "ResourceNotFoundException", "Shard does not exist");
    assertError(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)), "ValidationException",
        "One or more parameter values were invalid: Invalid SequenceNumber");
    assertError(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON).sequenceNumber("000000000000000000001")), "ValidationException",
        "One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type");
    assertError(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber("1")), "ValidationException",
        "1 validation error detected: Value '1' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21");
    assertError(() -> streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId).shardIteratorType("SOMETIMES")),
        "ValidationException", "Invalid ShardIteratorType.");
    assertError(() -> streams.getRecords(b -> b.shardIterator("garbage")), "ValidationException", "Invalid ShardIterator");
    String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    assertError(() -> streams.getRecords(b -> b.shardIterator(it).limit(1001)), "ValidationException",
        "One or more parameter values were invalid: Limit should be less than or equal to 1000");
    assertError(() -> streams.listStreams(b -> b.limit(0)), "ValidationException",
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  }

  @Test
  void anIteratorExpiresAfterFifteenMinutes() {
    String arn = createTable("expiring", StreamViewType.KEYS_ONLY).latestStreamArn();
    String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    CLOCK.advance(Duration.ofMinutes(14));
    String next = streams.getRecords(b -> b.shardIterator(it)).nextShardIterator();
    CLOCK.advance(Duration.ofMinutes(16));
    assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(it)))
        .isInstanceOf(ExpiredIteratorException.class)
        .hasMessageContaining("Iterator expired");
    assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(next)))
        .isInstanceOf(ExpiredIteratorException.class);
  }

  /**
   * The members and sizes AWS answered in aws-reference/recorded/test_dynamodb.snapshot.json
   * (test_transact_write_items_streaming): the same items give the same SizeBytes, and each
   * record and its dynamodb part have exactly AWS's members.
   */
  @Test
  void recordsHaveTheMembersAndSizesAwsRecorded() throws Exception {
    String arn = createTable("recorded_shapes", StreamViewType.NEW_AND_OLD_IMAGES).latestStreamArn();
    ddb.putItem(b -> b.tableName("recorded_shapes").item(Map.of("id", AttributeValue.fromS("Fred"))));
    ddb.putItem(b -> b.tableName("recorded_shapes").item(Map.of("id", AttributeValue.fromS("NewKey"))));
    ddb.transactWriteItems(b -> b.transactItems(
        t -> t.update(u -> u.tableName("recorded_shapes").key(Map.of("id", AttributeValue.fromS("NewKey")))
            .updateExpression("SET attr1 = :v1, attr2 = :v2")
            .expressionAttributeValues(Map.of(":v1", AttributeValue.fromS("value1"), ":v2", AttributeValue.fromS("value2")))),
        t -> t.update(u -> u.tableName("recorded_shapes").key(Map.of("id", AttributeValue.fromS("NonExistentKey")))
            .updateExpression("SET attr1 = :v1").expressionAttributeValues(Map.of(":v1", AttributeValue.fromS("value1"))))));
    ddb.deleteItem(b -> b.tableName("recorded_shapes").key(Map.of("id", AttributeValue.fromS("NewKey"))));
    ddb.putItem(b -> b.tableName("recorded_shapes").item(Map.of("id", AttributeValue.fromS("Fred"), "name", AttributeValue.fromS("Fred"))));

    assertThat(readAll(arn)).extracting(r -> r.eventNameAsString() + " " + r.dynamodb().sizeBytes())
        .containsExactly("INSERT 12", "INSERT 16", "MODIFY 46", "INSERT 43", "REMOVE 38", "MODIFY 26");

    // The raw members, as the wire carries them.
    String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var body = json.readTree(post("DynamoDBStreams_20120810.GetRecords", "{\"ShardIterator\":\"" + iterator + "\"}"));
    List<String> recordMembers = List.of("awsRegion", "dynamodb", "eventID", "eventName", "eventSource", "eventVersion");
    for (var r : body.get("Records")) {
      assertThat(names(r)).containsExactlyInAnyOrderElementsOf(recordMembers);
      List<String> expected = new ArrayList<>(List.of("ApproximateCreationDateTime", "Keys", "SequenceNumber",
          "SizeBytes", "StreamViewType"));
      if (!r.get("eventName").asText().equals("REMOVE")) {
        expected.add("NewImage");
      }
      if (!r.get("eventName").asText().equals("INSERT")) {
        expected.add("OldImage");
      }
      assertThat(names(r.get("dynamodb"))).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(r.at("/dynamodb/ApproximateCreationDateTime").isNumber()).isTrue();
      assertThat(r.at("/dynamodb/SizeBytes").isIntegralNumber()).isTrue();
    }
    assertThat(names(body)).containsExactlyInAnyOrder("Records", "NextShardIterator");
    var described = json.readTree(post("DynamoDBStreams_20120810.DescribeStream", "{\"StreamArn\":\"" + arn + "\"}"));
    assertThat(names(described.get("StreamDescription"))).containsExactlyInAnyOrder("CreationRequestDateTime",
        "KeySchema", "Shards", "StreamArn", "StreamLabel", "StreamStatus", "StreamViewType", "TableName");
    assertThat(names(described.at("/StreamDescription/Shards/0"))).containsExactlyInAnyOrder("SequenceNumberRange", "ShardId");
    assertThat(names(described.at("/StreamDescription/Shards/0/SequenceNumberRange")))
        .containsExactly("StartingSequenceNumber");
  }

  private static List<String> names(com.fasterxml.jackson.databind.JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String post(String target, String body) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(streambed.endpoint())
        .header("X-Amz-Target", target)
        .header("Content-Type", "application/x-amz-json-1.0")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
    var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  void listStreamsPagesWithExclusiveStartStreamArn() {
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CLOCK.advance(Duration.ofMillis(5));
      arns.add(createTable("paged_" + i, StreamViewType.KEYS_ONLY).latestStreamArn());
    }
    List<String> seen = new ArrayList<>();
    String start = null;
    int pages = 0;
    do {
      String from = start;
      var page = streams.listStreams(b -> b.limit(1).exclusiveStartStreamArn(from));
      assertThat(page.streams()).hasSizeLessThanOrEqualTo(1);
      page.streams().forEach(s -> seen.add(s.streamArn()));
      start = page.lastEvaluatedStreamArn();
      pages++;
    } while (start != null && pages < 100);
    assertThat(seen).doesNotHaveDuplicates().containsAll(arns);
    assertThat(seen.size()).isEqualTo(streams.listStreams().streams().size());
  }

  @Test
  void getRecordsStopsNearOneMegabyte() {
    String arn = createTable("large", StreamViewType.NEW_AND_OLD_IMAGES).latestStreamArn();
    String big = "x".repeat(100_000);
    for (int i = 0; i < 12; i++) {
      String id = "big" + i;
      ddb.putItem(b -> b.tableName("large").item(item(id, "payload", big)));
    }
    String shardId = streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().get(0).shardId();
    String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId)
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    GetRecordsResponse first = streams.getRecords(b -> b.shardIterator(it));
    long bytes = first.records().stream().mapToLong(r -> r.dynamodb().sizeBytes()).sum();
    assertThat(first.records()).hasSizeBetween(1, 11);
    assertThat(bytes).isLessThanOrEqualTo(1024 * 1024);
    GetRecordsResponse second = streams.getRecords(b -> b.shardIterator(first.nextShardIterator()));
    assertThat(first.records().size() + second.records().size()).isEqualTo(12);
  }

  static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, String message) {
    assertThatThrownBy(call).isInstanceOf(DynamoDbException.class).satisfies(e -> {
      var details = ((DynamoDbException) e).awsErrorDetails();
      assertThat(details.errorCode()).isEqualTo(code);
      assertThat(details.errorMessage()).isEqualTo(message);
      assertThat(((DynamoDbException) e).statusCode()).isEqualTo(400);
    });
  }
}
