package dev.streambed.bench.sdk;

import dev.streambed.bench.load.ItemShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Creates the benchmark table and loads the items that GetItem and Query read. */
public final class BenchTable {
  private static final int BATCH = 25;

  private final DynamoDbClient client;
  private final int itemSize;

  public BenchTable(DynamoDbClient client, int itemSize) {
    this.client = client;
    this.itemSize = itemSize;
  }

  /** Creates the table unless it exists, and waits until it is ACTIVE. */
  public void create() {
    try {
      client.createTable(b -> b.tableName(ItemShape.TABLE)
          .attributeDefinitions(
              attribute(ItemShape.HASH_KEY), attribute(ItemShape.RANGE_KEY))
          .keySchema(
              KeySchemaElement.builder().attributeName(ItemShape.HASH_KEY).keyType(KeyType.HASH)
                  .build(),
              KeySchemaElement.builder().attributeName(ItemShape.RANGE_KEY).keyType(KeyType.RANGE)
                  .build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
    } catch (ResourceInUseException alreadyThere) {
      // A previous workload of this run made it.
    }
    client.waiter().waitUntilTableExists(b -> b.tableName(ItemShape.TABLE));
  }

  public static Map<String, AttributeValue> item(String hashKey, String rangeKey, int itemSize) {
    return Map.of(
        ItemShape.HASH_KEY, s(hashKey),
        ItemShape.RANGE_KEY, s(rangeKey),
        ItemShape.PAYLOAD, s(ItemShape.payload(itemSize, hashKey, rangeKey)));
  }

  public static Map<String, AttributeValue> key(String hashKey, String rangeKey) {
    return Map.of(ItemShape.HASH_KEY, s(hashKey), ItemShape.RANGE_KEY, s(rangeKey));
  }

  /** Writes the items GetItem reads: keys get-0 .. get-(count-1). */
  public void loadGetItems(int count) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(item(ItemShape.getKey(i), ItemShape.singleRangeKey(), itemSize));
    }
    write(items);
  }

  /** Writes the partition Query reads. */
  public void loadQueryPartition(int count) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(item(ItemShape.QUERY_PARTITION, ItemShape.queryRangeKey(i), itemSize));
    }
    write(items);
  }

  private void write(List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += BATCH) {
      List<WriteRequest> batch = new ArrayList<>();
      for (Map<String, AttributeValue> item :
          items.subList(from, Math.min(from + BATCH, items.size()))) {
        batch.add(WriteRequest.builder()
            .putRequest(PutRequest.builder().item(item).build())
            .build());
      }
      Map<String, List<WriteRequest>> pending = Map.of(ItemShape.TABLE, batch);
      while (!pending.isEmpty()) {
        final Map<String, List<WriteRequest>> request = pending;
        BatchWriteItemResponse r = client.batchWriteItem(b -> b.requestItems(request));
        pending = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
      }
    }
  }

  private static AttributeDefinition attribute(String name) {
    return AttributeDefinition.builder().attributeName(name)
        .attributeType(ScalarAttributeType.S).build();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }
}
