package dev.streambed.bench.sdk;

import dev.streambed.bench.load.ClosedLoop.Operation;
import dev.streambed.bench.load.ItemShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The operations the SDK generator can drive, each with the data it needs loaded first. */
public enum SdkWorkload {
  PUT {
    @Override
    void prepare(BenchTable table, SdkSettings s) {}

    @Override
    Operation operation(DynamoDbClient client, SdkSettings s) {
      return seq -> {
        String pk = ItemShape.putKey(seq);
        client.putItem(b -> b.tableName(ItemShape.TABLE)
            .item(BenchTable.item(pk, ItemShape.singleRangeKey(), s.itemSize())));
      };
    }
  },
  GET {
    @Override
    void prepare(BenchTable table, SdkSettings s) {
      table.loadGetItems(s.keys());
    }

    @Override
    Operation operation(DynamoDbClient client, SdkSettings s) {
      return seq -> {
        String pk = ItemShape.getKey(ThreadLocalRandom.current().nextInt(s.keys()));
        GetItemResponse r = client.getItem(b -> b.tableName(ItemShape.TABLE)
            .key(BenchTable.key(pk, ItemShape.singleRangeKey())));
        if (!r.hasItem()) {
          throw new IllegalStateException("GetItem found no item for " + pk);
        }
      };
    }
  },
  QUERY {
    @Override
    void prepare(BenchTable table, SdkSettings s) {
      table.loadQueryPartition(s.queryItems());
    }

    @Override
    Operation operation(DynamoDbClient client, SdkSettings s) {
      Map<String, AttributeValue> values =
          Map.of(":p", AttributeValue.builder().s(ItemShape.QUERY_PARTITION).build());
      return seq -> {
        QueryResponse r = client.query(b -> b.tableName(ItemShape.TABLE)
            .keyConditionExpression(ItemShape.HASH_KEY + " = :p")
            .expressionAttributeValues(values));
        if (r.count() != s.queryItems()) {
          throw new IllegalStateException(
              "Query returned " + r.count() + " items, expected " + s.queryItems());
        }
      };
    }
  },
  /** One Scan page of {@code --query-items} items of the table (Limit), as many as a Query reads. */
  SCAN {
    @Override
    void prepare(BenchTable table, SdkSettings s) {
      table.loadGetItems(Math.max(s.keys(), s.queryItems()));
    }

    @Override
    Operation operation(DynamoDbClient client, SdkSettings s) {
      return seq -> {
        ScanResponse r = client.scan(b -> b.tableName(ItemShape.TABLE).limit(s.queryItems()));
        if (r.scannedCount() != s.queryItems()) {
          throw new IllegalStateException(
              "Scan read " + r.scannedCount() + " items, expected " + s.queryItems());
        }
      };
    }
  },
  /** A BatchWriteItem of 25 puts of distinct items; a batch with unprocessed items is an error. */
  BATCH_WRITE {
    @Override
    void prepare(BenchTable table, SdkSettings s) {}

    @Override
    Operation operation(DynamoDbClient client, SdkSettings s) {
      return seq -> {
        List<WriteRequest> puts = new ArrayList<>(ItemShape.BATCH_PUTS);
        for (int i = 0; i < ItemShape.BATCH_PUTS; i++) {
          Map<String, AttributeValue> item =
              BenchTable.item(ItemShape.batchKey(seq, i), ItemShape.singleRangeKey(), s.itemSize());
          puts.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        BatchWriteItemResponse r = client.batchWriteItem(b -> b.requestItems(Map.of(ItemShape.TABLE, puts)));
        if (r.hasUnprocessedItems() && !r.unprocessedItems().isEmpty()) {
          throw new IllegalStateException("BatchWriteItem left items unprocessed");
        }
      };
    }
  },
  /** A TransactWriteItems of 4 puts of distinct items. */
  TRANSACT_WRITE {
    @Override
    void prepare(BenchTable table, SdkSettings s) {}

    @Override
    Operation operation(DynamoDbClient client, SdkSettings s) {
      return seq -> {
        List<TransactWriteItem> puts = new ArrayList<>(ItemShape.TRANSACT_PUTS);
        for (int i = 0; i < ItemShape.TRANSACT_PUTS; i++) {
          Map<String, AttributeValue> item =
              BenchTable.item(ItemShape.transactKey(seq, i), ItemShape.singleRangeKey(), s.itemSize());
          puts.add(TransactWriteItem.builder().put(p -> p.tableName(ItemShape.TABLE).item(item)).build());
        }
        client.transactWriteItems(b -> b.transactItems(puts));
      };
    }
  };

  abstract void prepare(BenchTable table, SdkSettings s);

  abstract Operation operation(DynamoDbClient client, SdkSettings s);

  /** The workload of a label ({@code batch-write}), or of its name in any case. */
  public static SdkWorkload parse(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** The name on the command line and in reports: put, get, query, scan, batch-write, transact-write. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
