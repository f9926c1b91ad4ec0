package dev.streambed.dynamodb.table;

/**
 * One entry of UpdateTable's GlobalSecondaryIndexUpdates: Create (with {@code create}), Update
 * (new throughput) or Delete.
 */
public record IndexUpdate(String action, String indexName, CreateTableRequest.IndexRequest create,
    Long readCapacityUnits, Long writeCapacityUnits) {}
