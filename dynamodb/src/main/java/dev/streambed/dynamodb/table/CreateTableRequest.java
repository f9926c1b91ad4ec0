package dev.streambed.dynamodb.table;

import java.util.List;
import java.util.Map;

/** CreateTable's parameters as the wire carried them, not yet validated. */
public record CreateTableRequest(
    String tableName,
    List<KeyElement> keySchema,
    List<Table.AttributeDefinition> attributeDefinitions,
    String billingMode,
    Long readCapacityUnits,
    Long writeCapacityUnits,
    boolean hasProvisionedThroughput,
    Boolean streamEnabled,
    String streamViewType,
    Boolean deletionProtection,
    String tableClass,
    Map<String, String> tags,
    List<IndexRequest> globalIndexes,
    List<IndexRequest> localIndexes,
    Table.Warm warmThroughput) {

  /** A GlobalSecondaryIndex or LocalSecondaryIndex of the request. */
  public record IndexRequest(String name, List<KeyElement> keySchema, String projectionType,
      List<String> nonKeyAttributes, Long readCapacityUnits, Long writeCapacityUnits,
      boolean hasProvisionedThroughput) {}

  /** A KeySchemaElement. */
  public record KeyElement(String attributeName, String keyType) {}
}
