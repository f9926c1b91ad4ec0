package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.item.Items;
import dev.streambed.dynamodb.item.Reads;
import dev.streambed.dynamodb.item.ReturnValue;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.Map;

/** DeleteItem. */
final class DeleteItem implements JsonOperation {
  private final TableCatalog catalog;
  private final Items items;
  private final Reads reads;

  DeleteItem(TableCatalog catalog, Items items, Reads reads) {
    this.catalog = catalog;
    this.items = items;
    this.reads = reads;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    WriteMembers m = WriteMembers.read(in, "Key");
    Map<String, AttributeValue> key = Wire.item(in, "Key");
    ReturnValue rv = m.noneOrAllOld();
    Condition condition = WriteMembers.condition(in);
    Table table = catalog.require(Wire.table(context, m.tableName()));
    Items.WriteResult result = items.delete(table, key, condition, rv, m.returnOldOnFailure());
    m.writeResult(out, result, table, key, reads);
  }
}
