package dev.streambed.dynamodb.table;

import java.util.List;

/** UpdateTable's parameters; null means "not given". */
public record UpdateTableRequest(
    String tableName,
    List<Table.AttributeDefinition> attributeDefinitions,
    String billingMode,
    Long readCapacityUnits,
    Long writeCapacityUnits,
    boolean hasProvisionedThroughput,
    Boolean streamEnabled,
    String streamViewType,
    Boolean deletionProtection,
    String tableClass) {}
