package dev.streambed.bench.sdk;

import dev.streambed.bench.load.ClosedLoop.Operation;
import dev.streambed.bench.load.ItemShape;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

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
  };

  abstract void prepare(BenchTable table, SdkSettings s);

  abstract Operation operation(DynamoDbClient client, SdkSettings s);

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
