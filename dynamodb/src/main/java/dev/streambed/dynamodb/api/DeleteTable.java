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

/** DeleteTable: answers DELETING; the table is gone for every later call. */
final class DeleteTable implements JsonOperation {
  private final Tables tables;

  DeleteTable(Tables tables) {
    this.tables = tables;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    String name = JsonMembers.string(in, "TableName");
    Violations v = new Violations();
    v.tableName(name, "tableName");
    v.throwIfAny();
    Table described = tables.describe(Wire.table(context, name));
    Tables.Usage usage = tables.usage(described);
    Table t = tables.delete(Wire.table(context, name));
    out.writeStartObject();
    out.writeFieldName("TableDescription");
    TableDescriptions.write(out, t, TableStatus.DELETING, usage, TableDescriptions.Shape.DELETE);
    out.writeEndObject();
  }
}
