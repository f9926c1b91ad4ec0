package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.item.Reads;
import dev.streambed.dynamodb.item.ReturnValue;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The members PutItem, UpdateItem and DeleteItem share (TableName, the item or key, ReturnValues,
 * ReturnConsumedCapacity, ReturnItemCollectionMetrics, ReturnValuesOnConditionCheckFailure),
 * checked together as AWS checks them, and the response members they share.
 */
record WriteMembers(String tableName, String returnValues, String capacity, String metrics,
    String onFailure) {

  /** Reads and checks the shared members; {@code itemMember} is "Item" or "Key". */
  static WriteMembers read(JsonNode in, String itemMember) {
    WriteMembers m = new WriteMembers(JsonMembers.string(in, "TableName"), JsonMembers.string(in, "ReturnValues"),
        JsonMembers.string(in, "ReturnConsumedCapacity"), JsonMembers.string(in, "ReturnItemCollectionMetrics"),
        JsonMembers.string(in, "ReturnValuesOnConditionCheckFailure"));
    JsonNode item = JsonMembers.object(in, itemMember);
    Violations v = new Violations();
    v.tableName(m.tableName, "tableName");
    v.notNull(item, itemMember.toLowerCase(java.util.Locale.ROOT));
    v.oneOf(m.returnValues, "returnValues", ItemRequests.RETURN_VALUES);
    v.oneOf(m.capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    v.oneOf(m.metrics, "returnItemCollectionMetrics", ItemRequests.RETURN_METRICS);
    v.oneOf(m.onFailure, "returnValuesOnConditionCheckFailure", List.of("ALL_OLD", "NONE"));
    v.throwIfAny();
    return m;
  }

  boolean returnOldOnFailure() {
    return "ALL_OLD".equals(onFailure);
  }

  ReturnValue returnValue() {
    return ItemRequests.returnValue(returnValues);
  }

  /** PutItem and DeleteItem return only NONE or ALL_OLD. */
  ReturnValue noneOrAllOld() {
    ReturnValue rv = returnValue();
    if (rv != ReturnValue.NONE && rv != ReturnValue.ALL_OLD) {
      throw AwsException.validation("Return values set to invalid value");
    }
    return rv;
  }

  /** The ConditionExpression of PutItem or DeleteItem, or their legacy Expected. */
  static Condition condition(JsonNode in) {
    ItemRequests.noMixing(in, List.of("Expected", "ConditionalOperator"), List.of("ConditionExpression"));
    String conditionText = JsonMembers.string(in, "ConditionExpression");
    ExpressionContext expressions = ItemRequests.expressionContext(in, List.of("ConditionExpression"));
    if (conditionText == null) {
      return LegacyConditions.expected(in);
    }
    Condition condition = Expressions.condition(conditionText, "ConditionExpression", expressions);
    expressions.checkAllUsed();
    return condition;
  }

  /** Attributes, ConsumedCapacity and ItemCollectionMetrics, as the request asked for them. */
  void writeResult(JsonGenerator out, Items.WriteResult result, Table table,
      Map<String, AttributeValue> itemOrKey, Reads reads) throws IOException {
    out.writeStartObject();
    if (result.attributes() != null) {
      Wire.item(out, "Attributes", result.attributes());
    }
    ItemRequests.consumedCapacity(out, capacity, tableName, result.consumed());
    ItemRequests.itemCollectionMetrics(out, metrics, table, itemOrKey, reads);
    out.writeEndObject();
  }
}
