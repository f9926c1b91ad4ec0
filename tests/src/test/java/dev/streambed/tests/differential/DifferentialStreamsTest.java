package dev.streambed.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Stream records compared with DynamoDB Local's: the same writes on both sides, then each
 * side's stream read from its trim horizon. Values that no two streams share (event ids,
 * sequence numbers, creation times, ARNs, shard ids, the region) are compared by form, not by
 * value; everything else must be equal.
 */
class DifferentialStreamsTest extends DifferentialTest {

  private static DynamoDbStreamsClient streams(java.net.URI endpoint) {
    return DynamoDbStreamsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(Step.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }

  private final DynamoDbStreamsClient oursStreams = streams(endpointOf(d.ours()));
  private final DynamoDbStreamsClient oracleStreams = streams(DynamoDbLocal.shared().endpoint());

  private static java.net.URI endpointOf(DynamoDbClient client) {
    return client.serviceClientConfiguration().endpointOverride().orElseThrow();
  }

  private String streamTable(String base, StreamViewType viewType) {
    String name = Differential.tableName(base);
    d.step(CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(def("user_id", ScalarAttributeType.S), def("post_id", ScalarAttributeType.N))
        .keySchema(key("user_id", KeyType.HASH), key("post_id", KeyType.RANGE))
        .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)).build());
    return name;
  }

  private static Map<String, AttributeValue> k(String user, int post) {
    return Map.of("user_id", AttributeValue.fromS(user), "post_id", AttributeValue.fromN(Integer.toString(post)));
  }

  private static Map<String, AttributeValue> post(String user, int post, Map<String, AttributeValue> more) {
    Map<String, AttributeValue> item = new java.util.HashMap<>(k(user, post));
    item.putAll(more);
    return item;
  }

  /** The writes of one sequence: records for real changes, none for the others. */
  private void writes(String table) {
    d.step(PutItemRequest.builder().tableName(table).item(post("john", 1, Map.of("body", AttributeValue.fromS("first")))).build());
    d.step(PutItemRequest.builder().tableName(table).item(post("john", 1, Map.of("body", AttributeValue.fromS("first")))).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(k("john", 1)).updateExpression("SET body = :b, tags = :t, meta = :m")
        .expressionAttributeValues(Map.of(":b", AttributeValue.fromS("edited"),
            ":t", AttributeValue.fromSs(List.of("x", "y")),
            ":m", AttributeValue.fromM(Map.of("n", AttributeValue.fromN("1.5"), "l", AttributeValue.fromL(List.of(
                AttributeValue.fromBool(true), AttributeValue.fromNul(true), AttributeValue.fromB(
                    software.amazon.awssdk.core.SdkBytes.fromUtf8String("bytes")))))))).build());
    d.step(UpdateItemRequest.builder().tableName(table).key(k("john", 1)).updateExpression("SET body = :b")
        .expressionAttributeValues(Map.of(":b", AttributeValue.fromS("edited"))).build());
    d.step(DeleteItemRequest.builder().tableName(table).key(k("nobody", 9)).build());
    d.step(PutItemRequest.builder().tableName(table).item(post("alice", 1, Map.of())).conditionExpression("attribute_exists(body)").build());
    d.step(BatchWriteItemRequest.builder().requestItems(Map.of(table, List.of(
        WriteRequest.builder().putRequest(p -> p.item(post("alice", 2, Map.of("n", AttributeValue.fromN("7"))))).build(),
        WriteRequest.builder().deleteRequest(r -> r.key(k("john", 1))).build()))).build());
    d.step(TransactWriteItemsRequest.builder().transactItems(
        t -> t.put(p -> p.tableName(table).item(post("bob", 3, Map.of("ns", AttributeValue.fromNs(List.of("1", "2")))))),
        t -> t.update(u -> u.tableName(table).key(k("alice", 2)).updateExpression("REMOVE n"))).build());
    d.step(DeleteItemRequest.builder().tableName(table).key(k("alice", 2)).build());
  }

  private static List<Record> readAll(DynamoDbStreamsClient client, String arn) {
    List<Record> out = new ArrayList<>();
    for (Shard shard : client.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
      String it = client.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
      while (it != null) {
        String current = it;
        var page = client.getRecords(b -> b.shardIterator(current));
        out.addAll(page.records());
        if (page.records().isEmpty()) {
          break;
        }
        it = page.nextShardIterator();
      }
    }
    return out;
  }

  /** A record without what differs between any two streams. */
  private static String comparable(Record r) {
    var s = r.dynamodb();
    return r.eventNameAsString() + " " + r.eventVersion() + " " + r.eventSource()
        + " keys=" + s.keys() + " new=" + (s.hasNewImage() ? s.newImage() : null)
        + " old=" + (s.hasOldImage() ? s.oldImage() : null) + " size=" + s.sizeBytes()
        + " view=" + s.streamViewTypeAsString() + " identity=" + r.userIdentity();
  }

  private String arn(DynamoDbClient client, String table) {
    return client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
  }

  @Test
  void recordsOfEveryWriteKindMatchForEachViewType() {
    for (StreamViewType viewType : List.of(StreamViewType.NEW_AND_OLD_IMAGES, StreamViewType.NEW_IMAGE,
        StreamViewType.OLD_IMAGE, StreamViewType.KEYS_ONLY)) {
      String table = streamTable("stream-" + viewType.toString().toLowerCase().replace('_', '-'), viewType);
      writes(table);
      List<Record> mine = readAll(oursStreams, arn(d.ours(), table));
      List<Record> theirs = readAll(oracleStreams, arn(d.oracle(), table));
      assertThat(mine.stream().map(DifferentialStreamsTest::comparable).toList())
          .as(viewType.toString())
          .containsExactlyElementsOf(theirs.stream().map(DifferentialStreamsTest::comparable).toList());
      for (Record r : mine) {
        // Known difference stream-event-id: DynamoDB Local's ids are UUIDs, AWS's 32 hex digits.
        assertThat(r.eventID()).matches("[0-9a-f]{32}");
        assertThat(r.dynamodb().sequenceNumber()).matches("\\d{21,40}");
      }
      assertThat(mine).extracting(r -> new java.math.BigInteger(r.dynamodb().sequenceNumber())).isSorted();
    }
  }

  @Test
  void streamDescriptionsMatch() {
    String table = streamTable("described", StreamViewType.NEW_AND_OLD_IMAGES);
    d.step(PutItemRequest.builder().tableName(table).item(post("a", 1, Map.of())).build());
    Function<StreamDescription, String> shape = s -> s.streamStatusAsString() + " " + s.streamViewTypeAsString()
        + " " + s.tableName() + " " + s.keySchema() + " shards=" + s.shards().size()
        + " parent=" + s.shards().get(0).parentShardId()
        + " ended=" + (s.shards().get(0).sequenceNumberRange().endingSequenceNumber() != null)
        + " label=" + s.streamArn().endsWith("/stream/" + s.streamLabel())
        + " next=" + s.lastEvaluatedShardId();
    String oursArn = arn(d.ours(), table);
    String oracleArn = arn(d.oracle(), table);
    assertThat(shape.apply(oursStreams.describeStream(b -> b.streamArn(oursArn)).streamDescription()))
        .isEqualTo(shape.apply(oracleStreams.describeStream(b -> b.streamArn(oracleArn)).streamDescription()));

    d.step(software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest.builder().tableName(table)
        .streamSpecification(s -> s.streamEnabled(false)).build());
    assertThat(shape.apply(oursStreams.describeStream(b -> b.streamArn(oursArn)).streamDescription()))
        .isEqualTo(shape.apply(oracleStreams.describeStream(b -> b.streamArn(oracleArn)).streamDescription()));
    assertThat(oursStreams.listStreams(b -> b.tableName(table)).streams()).hasSize(
        oracleStreams.listStreams(b -> b.tableName(table)).streams().size());
  }

  /** The same bad request to both sides, with each side's ARN and shard id. */
  private void sameError(String table, java.util.function.BiConsumer<DynamoDbStreamsClient, String[]> call) {
    String[] mine = {arn(d.ours(), table), oursStreams.describeStream(b -> b.streamArn(arn(d.ours(), table)))
        .streamDescription().shards().get(0).shardId()};
    String[] theirs = {arn(d.oracle(), table), oracleStreams.describeStream(b -> b.streamArn(arn(d.oracle(), table)))
        .streamDescription().shards().get(0).shardId()};
    String ourError = error(() -> call.accept(oursStreams, mine));
    String oracleError = error(() -> call.accept(oracleStreams, theirs));
    assertThat(ourError).isEqualTo(oracleError);
  }

  private static String error(Runnable r) {
    try {
      r.run();
      return "no error";
    } catch (DynamoDbException e) {
      return e.statusCode() + " " + e.awsErrorDetails().errorCode() + " " + e.awsErrorDetails().errorMessage();
    }
  }

  @Test
  void badRequestsGetTheSameErrors() {
    String table = streamTable("errors", StreamViewType.KEYS_ONLY);
    d.step(PutItemRequest.builder().tableName(table).item(post("a", 1, Map.of())).build());
    sameError(table, (c, a) -> c.describeStream(b -> b.streamArn(a[0]).limit(0)));
    sameError(table, (c, a) -> c.describeStream(b -> b.streamArn(a[0]).limit(101)));
    sameError(table, (c, a) -> c.describeStream(b -> b.streamArn(a[0]).exclusiveStartShardId("shardId-short")));
    sameError(table, (c, a) -> c.describeStream(b -> b.streamArn("abc")));
    sameError(table, (c, a) -> c.getShardIterator(b -> b.streamArn(a[0]).shardId(a[1])
        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)));
    sameError(table, (c, a) -> c.getShardIterator(b -> b.streamArn(a[0]).shardId(a[1])
        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber("12")));
    sameError(table, (c, a) -> c.getShardIterator(b -> b.streamArn(a[0]).shardId(a[1])
        .shardIteratorType(ShardIteratorType.LATEST).sequenceNumber("000000000000000000001")));
    sameError(table, (c, a) -> c.getShardIterator(b -> b.streamArn(a[0]).shardId(a[1]).shardIteratorType("FIRST")));
    sameError(table, (c, a) -> c.getShardIterator(b -> b.streamArn(a[0]).shardId("shardId-00000000000000000000-00000000")
        .shardIteratorType(ShardIteratorType.LATEST)));
    sameError(table, (c, a) -> c.getRecords(b -> b.shardIterator("not an iterator")));
    sameError(table, (c, a) -> c.getRecords(b -> b.shardIterator(c.getShardIterator(i -> i.streamArn(a[0])
        .shardId(a[1]).shardIteratorType(ShardIteratorType.LATEST)).shardIterator()).limit(0)));
    sameError(table, (c, a) -> c.getRecords(b -> b.shardIterator(c.getShardIterator(i -> i.streamArn(a[0])
        .shardId(a[1]).shardIteratorType(ShardIteratorType.LATEST)).shardIterator()).limit(1001)));
    sameError(table, (c, a) -> c.listStreams(b -> b.limit(0)));
  }
}
