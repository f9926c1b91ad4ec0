package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.Update;
import dev.streambed.dynamodb.item.ItemKeys;
import dev.streambed.dynamodb.item.Transactions;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TransactWriteItems: Put, Update, Delete and ConditionCheck on up to 100 items, all or none. */
final class TransactWriteItems implements JsonOperation {
  private final TableCatalog catalog;
  private final Transactions transactions;
  private final dev.streambed.dynamodb.item.Reads reads;

  TransactWriteItems(TableCatalog catalog, Transactions transactions, dev.streambed.dynamodb.item.Reads reads) {
    this.catalog = catalog;
    this.transactions = transactions;
    this.reads = reads;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    JsonNode items = JsonMembers.array(in, "TransactItems");
    String capacity = JsonMembers.string(in, "ReturnConsumedCapacity");
    String token = JsonMembers.string(in, "ClientRequestToken");
    String metrics = JsonMembers.string(in, "ReturnItemCollectionMetrics");
    Violations v = new Violations();
    v.notNull(items, "transactItems");
    if (items != null && items.isEmpty()) {
      v.add("[]", "transactItems", "Member must have length greater than or equal to 1");
    }
    if (items != null && items.size() > 100) {
      v.add("[...]", "transactItems", "Member must have length less than or equal to 100");
    }
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    v.oneOf(metrics, "returnItemCollectionMetrics", ItemRequests.RETURN_METRICS);
    if (token != null && (token.isEmpty() || token.length() > 36)) {
      v.add(token, "clientRequestToken", token.isEmpty()
          ? "Member must have length greater than or equal to 1"
          : "Member must have length less than or equal to 36");
    }
    v.throwIfAny();
    List<Transactions.Action> actions = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      actions.add(action(item, context));
    }
    transactions.write(actions, token, in.hashCode());
    out.writeStartObject();
    if (capacity != null && !capacity.equals("NONE")) {
      Map<String, Integer> perTable = new LinkedHashMap<>();
      for (Transactions.Action a : actions) {
        perTable.merge(a.table().name(), 2, Integer::sum);
      }
      out.writeArrayFieldStart("ConsumedCapacity");
      for (Map.Entry<String, Integer> e : perTable.entrySet()) {
        out.writeStartObject();
        out.writeNumberField("CapacityUnits", (double) e.getValue());
        out.writeStringField("TableName", e.getKey());
        out.writeNumberField("WriteCapacityUnits", (double) e.getValue());
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    // ConditionCheck changes no item collection: only the writes are reported.
    List<Map.Entry<Table, Map<String, AttributeValue>>> written = new ArrayList<>();
    for (Transactions.Action a : actions) {
      if (!(a instanceof Transactions.Check)) {
        written.add(Map.entry(a.table(), a.key()));
      }
    }
    ItemRequests.itemCollectionMetrics(out, metrics, written, reads);
    out.writeEndObject();
  }

  private Transactions.Action action(JsonNode item, RequestContext context) {
    int kinds = 0;
    String kind = null;
    for (String k : List.of("ConditionCheck", "Put", "Delete", "Update")) {
      if (item.hasNonNull(k)) {
        kinds++;
        kind = k;
      }
    }
    if (kinds != 1) {
      throw AwsException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
    }
    JsonNode a = JsonMembers.object(item, kind);
    String name = JsonMembers.string(a, "TableName");
    Violations v = new Violations();
    v.tableName(name, "transactItems.member." + kind.substring(0, 1).toLowerCase() + kind.substring(1) + ".tableName");
    v.throwIfAny();
    Table table = catalog.require(Wire.table(context, name));
    boolean returnOld = "ALL_OLD".equals(JsonMembers.string(a, "ReturnValuesOnConditionCheckFailure"));
    String conditionText = JsonMembers.string(a, "ConditionExpression");
    String updateText = kind.equals("Update") ? JsonMembers.string(a, "UpdateExpression") : null;
    ExpressionContext expressions = ItemRequests.expressionContext(a, kind.equals("Update") ? List.of("UpdateExpression", "ConditionExpression") : List.of("ConditionExpression"));
    Condition condition = conditionText == null ? null
        : Expressions.condition(conditionText, "ConditionExpression", expressions);
    switch (kind) {
      case "Put": {
        Map<String, AttributeValue> putItem = Wire.item(a, "Item");
        if (putItem == null) {
          throw AwsException.validation("1 validation error detected: Value null at "
              + "'transactItems.member.put.item' failed to satisfy constraint: Member must not be null");
        }
        expressions.checkAllUsed();
        if (dev.streambed.kernel.value.ItemSize.of(putItem) > 400 * 1024) {
          throw AwsException.validation("Item size has exceeded the maximum allowed size");
        }
        return new Transactions.Put(table, putItem, ItemKeys.keyOfItem(table, putItem), condition, returnOld);
      }
      case "Update": {
        if (updateText == null) {
          throw AwsException.validation("1 validation error detected: Value null at "
              + "'transactItems.member.update.updateExpression' failed to satisfy constraint: Member must not be null");
        }
        Update update = Expressions.update(updateText, expressions);
        expressions.checkAllUsed();
        Map<String, AttributeValue> key = ItemKeys.validateKey(table, Wire.item(a, "Key"));
        for (String top : update.topLevelNames()) {
          if (table.keySchema().isKeyAttribute(top)) {
            throw AwsException.validation("One or more parameter values were invalid: Cannot update "
                + "attribute " + top + ". This attribute is part of the key");
          }
        }
        return new Transactions.Update(table, key, update, condition, returnOld);
      }
      case "Delete":
        expressions.checkAllUsed();
        return new Transactions.Delete(table, ItemKeys.validateKey(table, Wire.item(a, "Key")), condition, returnOld);
      default:
        if (condition == null) {
          throw AwsException.validation("1 validation error detected: Value null at "
              + "'transactItems.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null");
        }
        expressions.checkAllUsed();
        return new Transactions.Check(table, ItemKeys.validateKey(table, Wire.item(a, "Key")), condition, returnOld);
    }
  }
}
