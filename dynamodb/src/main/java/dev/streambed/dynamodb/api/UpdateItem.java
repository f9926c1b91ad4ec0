package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.Update;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** UpdateItem. */
final class UpdateItem implements JsonOperation {
  private final TableCatalog catalog;
  private final Items items;
  private final dev.streambed.dynamodb.item.Reads reads;

  UpdateItem(TableCatalog catalog, Items items, dev.streambed.dynamodb.item.Reads reads) {
    this.catalog = catalog;
    this.items = items;
    this.reads = reads;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    WriteMembers m = WriteMembers.read(in, "Key");
    Map<String, AttributeValue> key = Wire.item(in, "Key");
    ItemRequests.noMixing(in, List.of("AttributeUpdates", "Expected", "ConditionalOperator"),
        List.of("UpdateExpression", "ConditionExpression"));
    String updateText = JsonMembers.string(in, "UpdateExpression");
    String conditionText = JsonMembers.string(in, "ConditionExpression");
    ExpressionContext expressions =
        ItemRequests.expressionContext(in, List.of("UpdateExpression", "ConditionExpression"));
    Update update = null;
    Condition condition = null;
    if (updateText != null || conditionText != null) {
      if (updateText != null) {
        update = Expressions.update(updateText, expressions);
      }
      if (conditionText != null) {
        condition = Expressions.condition(conditionText, "ConditionExpression", expressions);
      }
      expressions.checkAllUsed();
    } else {
      condition = LegacyConditions.expected(in);
      update = LegacyConditions.attributeUpdates(in);
    }
    Table table = catalog.require(Wire.table(context, m.tableName()));
    Items.WriteResult result = items.update(table, key, update, condition, m.returnValue(),
        m.returnOldOnFailure());
    m.writeResult(out, result, table, key, reads);
  }
}
