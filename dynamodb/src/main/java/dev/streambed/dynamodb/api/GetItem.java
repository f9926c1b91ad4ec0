package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.Projection;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import java.io.IOException;
import java.util.List;

/** GetItem. */
final class GetItem implements JsonOperation {
  private final TableCatalog catalog;
  private final Items items;

  GetItem(TableCatalog catalog, Items items) {
    this.catalog = catalog;
    this.items = items;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String name = JsonMembers.string(in, "TableName");
    String capacity = JsonMembers.string(in, "ReturnConsumedCapacity");
    JsonNode keyNode = JsonMembers.object(in, "Key");
    Violations v = new Violations();
    v.tableName(name, "tableName");
    v.notNull(keyNode, "key");
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    v.throwIfAny();
    var key = Wire.item(in, "Key");
    Boolean consistent = JsonMembers.bool(in, "ConsistentRead");
    ItemRequests.noMixing(in, List.of("AttributesToGet"), List.of("ProjectionExpression"));
    String projectionText = JsonMembers.string(in, "ProjectionExpression");
    ExpressionContext expressions = ItemRequests.expressionContext(in, List.of("ProjectionExpression"));
    Projection projection = null;
    if (projectionText != null) {
      projection = Expressions.projection(projectionText, expressions);
      expressions.checkAllUsed();
    } else {
      List<String> attributes = JsonMembers.strings(in, "AttributesToGet");
      if (attributes != null) {
        projection = Expressions.attributesToGet(attributes);
      }
    }
    Table table = catalog.require(Wire.table(context, name));
    Items.ReadResult result = items.get(table, key, projection, Boolean.TRUE.equals(consistent));
    out.writeStartObject();
    ItemRequests.consumedCapacity(out, capacity, name, result.capacityUnits());
    if (result.item() != null) {
      Wire.item(out, "Item", result.item());
    }
    out.writeEndObject();
  }
}
