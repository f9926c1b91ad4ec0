package dev.streambed.tests.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Random tables (hash only and hash and range, keys of types S, N and B, each with a global and
 * a local secondary index of random projections), random items and random Queries and Scans on
 * the table and its indexes, against DynamoDB Local.
 *
 * <p>Query pages are compared one for one: a partition's order is the sort key's, which AWS
 * defines. Each paged Query follows LastEvaluatedKey to the end. Scans are compared as the
 * multiset of items all their pages (and all segments of a parallel scan) return, with their
 * total counts: see {@link UnorderedReads} for why their pages cannot be compared.
 *
 * <p>The run is seeded ({@code -Ddifferential.seed=N}, named in every difference) and bounded
 * for CI; {@code -Ddifferential.long=true} runs ten times as many tables and requests.
 */
class DifferentialRandomQueryTest extends DifferentialTest {
  private static final long SEED = Long.getLong("differential.seed", 20_261_123L);
  private static final int SCALE = Boolean.getBoolean("differential.long") ? 10 : 1;
  private static final List<ScalarAttributeType> TYPES =
      List.of(ScalarAttributeType.S, ScalarAttributeType.N, ScalarAttributeType.B);

  @Test
  void randomTablesItemsAndReads() {
    Random random = new Random(SEED);
    RandomValues values = new RandomValues(random);
    for (int round = 0; round < SCALE; round++) {
      for (ScalarAttributeType hash : TYPES) {
        List<ScalarAttributeType> ranges = new ArrayList<>(TYPES);
        ranges.add(null);
        for (ScalarAttributeType range : ranges) {
          d.context("seed " + SEED + ", table " + hash + "/" + range + ", round " + round);
          RandomTable table = new RandomTable("rq", values, hash, range);
          d.step(table.create());
          write(table, table.generate(6, 120, 0));
          for (int w = 0; w < 15; w++) {
            randomWrite(table, values);
          }
          RandomReads reads = new RandomReads(table, values);
          for (int q = 0; q < 25; q++) {
            d.context("seed " + SEED + ", table " + hash + "/" + range + ", round " + round + ", query " + q);
            queryToTheEnd(reads.query(reads.index()).build(), 50);
          }
          for (int s = 0; s < 4; s++) {
            ScanRequest scan = reads.scan(reads.index()).build();
            d.compareEach("Scan (pages as a multiset)", scan,
                c -> UnorderedReads.scan(c, d.normalizer(), scan, 0));
          }
          ScanRequest parallel = reads.scan(reads.index()).build();
          int segments = 1 + random.nextInt(5);
          d.compareEach("parallel Scan of " + segments + " segments (as a multiset)", parallel,
              c -> UnorderedReads.scan(c, d.normalizer(), parallel, segments));
          d.step(DescribeTableRequest.builder().tableName(table.name).build());
        }
      }
    }
  }

  @Test
  void pagingThroughTenThousandItems() {
    Random random = new Random(SEED + 7);
    RandomValues values = new RandomValues(random);
    RandomTable table = new RandomTable("rq-10k", values, ScalarAttributeType.S, ScalarAttributeType.N);
    d.context("seed " + (SEED + 7) + ", 10,000 items");
    d.step(table.create());
    // One partition of 10,000 items of about 150 bytes: a page without Limit stops at 1 MB.
    write(table, table.generate(1, 10_000, 60));
    RandomReads reads = new RandomReads(table, values);
    for (String index : new String[] {null, "gsi", "lsi"}) {
      for (boolean forward : new boolean[] {true, false}) {
        // Every page size on the table; on the indexes one, to keep the run short.
        for (Integer limit : index == null ? new Integer[] {null, 251, 1000} : new Integer[] {251}) {
          d.context("seed " + (SEED + 7) + ", 10,000 items, index " + index + ", forward " + forward + ", limit " + limit);
          RandomExpression e = new RandomExpression(values);
          QueryRequest.Builder q = QueryRequest.builder().tableName(table.name).indexName(index)
              .keyConditionExpression(e.name("gsi".equals(index) ? "g" : "pk") + " = " + e.value(table.commonHash(index)))
              .scanIndexForward(forward).limit(limit)
              .consistentRead(!"gsi".equals(index) && random.nextBoolean());
          if (limit != null) {
            q.filterExpression(e.condition(1));
          }
          queryToTheEnd(q.expressionAttributeNames(e.names()).expressionAttributeValues(e.values()).build(), 20_000);
        }
      }
      d.context("seed " + (SEED + 7) + ", 10,000 items, index " + index + ", random reads");
      // A random Query of the big partition, its first pages only: its Limit may be 1.
      queryToTheEnd(reads.query(index).build(), 30);
      ScanRequest scan = ScanRequest.builder().tableName(table.name).indexName(index)
          .limit(random.nextBoolean() ? null : 500).build();
      d.compareEach("Scan of 10,000 items (as a multiset)", scan, c -> UnorderedReads.scan(c, d.normalizer(), scan, 0));
      if (index == null) {
        ScanRequest parallel = reads.scan(index).limit(700).build();
        d.compareEach("parallel Scan of 10,000 items (as a multiset)", parallel,
            c -> UnorderedReads.scan(c, d.normalizer(), parallel, 3));
      }
    }
    d.step(DescribeTableRequest.builder().tableName(table.name).build());
  }

  /** Sends a Query and then each next page, as long as there is one and {@code maxPages} allows. */
  private static void queryToTheEnd(QueryRequest first, int maxPages) {
    QueryRequest request = first;
    for (int page = 0; page < maxPages; page++) {
      Answer a = d.step(request);
      if (a.failed() || !(a.body().get("LastEvaluatedKey") instanceof Map<?, ?>)) {
        return;
      }
      Map<String, AttributeValue> next =
          ((software.amazon.awssdk.services.dynamodb.model.QueryResponse) d.lastResponse()).lastEvaluatedKey();
      request = request.toBuilder().exclusiveStartKey(next).build();
    }
  }

  /**
   * A PutItem, UpdateItem or DeleteItem that asks for the capacity it consumed, per index: an
   * update may add an item to an index, move it there, change what the index projects of it,
   * change nothing the index holds, or take it out.
   */
  private static void randomWrite(RandomTable table, RandomValues values) {
    Random random = values.random();
    ReturnConsumedCapacity capacity = values.pick(List.of(ReturnConsumedCapacity.INDEXES, ReturnConsumedCapacity.TOTAL));
    switch (random.nextInt(4)) {
      case 0 -> {
        for (Map<String, AttributeValue> item : table.generate(6, 1, 0)) {
          d.step(PutItemRequest.builder().tableName(table.name).item(item).returnConsumedCapacity(capacity).build());
        }
      }
      case 1 -> d.step(DeleteItemRequest.builder().tableName(table.name).key(table.key(values.pick(table.items)))
          .returnConsumedCapacity(capacity).build());
      default -> {
        String set = values.pick(List.of("a", "b", "g", "gr", "l", "REMOVE g", "REMOVE a"));
        UpdateItemRequest.Builder u = UpdateItemRequest.builder().tableName(table.name)
            .key(table.key(values.pick(table.items))).returnConsumedCapacity(capacity);
        if (set.startsWith("REMOVE")) {
          u.updateExpression(set);
        } else if (set.equals("l") && !table.hasRange()) {
          u.updateExpression("SET c = :v").expressionAttributeValues(Map.of(":v", values.value(1)));
        } else {
          AttributeValue v = switch (set) {
            case "g" -> table.value(table.gType);
            case "gr" -> table.unique(table.grType);
            case "l" -> table.unique(table.lType);
            default -> values.value(1);
          };
          u.updateExpression("SET " + set + " = :v").expressionAttributeValues(Map.of(":v", v));
        }
        d.step(u.build());
      }
    }
  }

  private static void write(RandomTable table, List<Map<String, AttributeValue>> items) {
    List<WriteRequest> batch = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      if (batch.size() == 25) {
        d.step(BatchWriteItemRequest.builder().requestItems(Map.of(table.name, batch)).build());
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      d.step(BatchWriteItemRequest.builder().requestItems(Map.of(table.name, batch)).build());
    }
  }
}
