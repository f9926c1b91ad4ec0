package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.item.ReturnValue;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import java.io.IOException;
import java.util.List;

/** DeleteItem. */
final class DeleteItem implements JsonOperation {
  private final TableCatalog catalog;
  private final Items items;

  DeleteItem(TableCatalog catalog, Items items) {
    this.catalog = catalog;
    this.items = items;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String name = Wire.string(in, "TableName");
    String returnValues = Wire.string(in, "ReturnValues");
    String capacity = Wire.string(in, "ReturnConsumedCapacity");
    String onFailure = Wire.string(in, "ReturnValuesOnConditionCheckFailure");
    JsonNode keyNode = Wire.object(in, "Key");
    Violations v = new Violations();
    v.tableName(name, "tableName");
    v.notNull(keyNode, "key");
    v.oneOf(returnValues, "returnValues", ItemRequests.RETURN_VALUES);
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    v.oneOf(Wire.string(in, "ReturnItemCollectionMetrics"), "returnItemCollectionMetrics", ItemRequests.RETURN_METRICS);
    v.oneOf(onFailure, "returnValuesOnConditionCheckFailure", List.of("ALL_OLD", "NONE"));
    v.throwIfAny();
    var key = Wire.item(in, "Key");
    ReturnValue rv = ItemRequests.returnValue(returnValues);
    if (rv != ReturnValue.NONE && rv != ReturnValue.ALL_OLD) {
      throw AwsException.validation("Return values set to invalid value");
    }
    ItemRequests.noMixing(in, List.of("Expected", "ConditionalOperator"), List.of("ConditionExpression"));
    String conditionText = Wire.string(in, "ConditionExpression");
    ExpressionContext expressions = ItemRequests.expressionContext(in, conditionText != null,
        ": ConditionExpression is null");
    Condition condition;
    if (conditionText != null) {
      condition = Expressions.condition(conditionText, "ConditionExpression", expressions);
      expressions.checkAllUsed();
    } else {
      condition = LegacyConditions.expected(in);
    }
    Table table = catalog.require(Wire.table(context, name));
    Items.WriteResult result = items.delete(table, key, condition, rv, "ALL_OLD".equals(onFailure));
    out.writeStartObject();
    if (result.attributes() != null) {
      Wire.item(out, "Attributes", result.attributes());
    }
    ItemRequests.consumedCapacity(out, capacity, name, result.capacityUnits());
    out.writeEndObject();
  }
}
