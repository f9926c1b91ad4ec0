package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.dynamodb.item.Transactions;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** TransactGetItems: up to 100 Gets on distinct items. */
final class TransactGetItems implements JsonOperation {
  private final TableCatalog catalog;
  private final Transactions transactions;

  TransactGetItems(TableCatalog catalog, Transactions transactions) {
    this.catalog = catalog;
    this.transactions = transactions;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    JsonNode items = JsonMembers.array(in, "TransactItems");
    Violations v = new Violations();
    v.notNull(items, "transactItems");
    if (items != null && items.isEmpty()) {
      v.add("[]", "transactItems", "Member must have length greater than or equal to 1");
    }
    if (items != null && items.size() > 100) {
      v.add("[...]", "transactItems", "Member must have length less than or equal to 100");
    }
    v.throwIfAny();
    List<Transactions.Get> gets = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      JsonNode get = JsonMembers.object(item, "Get");
      if (get == null) {
        throw AwsException.validation("1 validation error detected: Value null at "
            + "'transactItems.member.get' failed to satisfy constraint: Member must not be null");
      }
      String name = JsonMembers.string(get, "TableName");
      Violations tv = new Violations();
      tv.tableName(name, "transactItems.member.get.tableName");
      tv.throwIfAny();
      Table table = catalog.require(Wire.table(context, name));
      String projectionText = JsonMembers.string(get, "ProjectionExpression");
      ExpressionContext expressions = ItemRequests.expressionContext(get, List.of("ProjectionExpression"));
      Projection projection = projectionText == null ? null : Expressions.projection(projectionText, expressions);
      expressions.checkAllUsed();
      gets.add(new Transactions.Get(table, Wire.item(get, "Key"), projection));
    }
    List<Map<String, AttributeValue>> found = transactions.get(gets);
    out.writeStartObject();
    out.writeArrayFieldStart("Responses");
    for (Map<String, AttributeValue> item : found) {
      out.writeStartObject();
      if (item != null) {
        Wire.item(out, "Item", item);
      }
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
  }
}
