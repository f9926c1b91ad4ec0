package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableStatus;
import dev.streambed.dynamodb.table.Tables;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import java.io.IOException;

/** DescribeTable, with a live item count and size. */
final class DescribeTable implements JsonOperation {
  private final Tables tables;

  DescribeTable(Tables tables) {
    this.tables = tables;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String name = JsonMembers.string(in, "TableName");
    Violations v = new Violations();
    v.tableName(name, "tableName");
    v.throwIfAny();
    Table t = tables.describe(Wire.table(context, name));
    out.writeStartObject();
    out.writeFieldName("Table");
    TableDescriptions.write(out, t, TableStatus.ACTIVE, tables.usage(t), TableDescriptions.Shape.DESCRIBE);
    out.writeEndObject();
  }
}
