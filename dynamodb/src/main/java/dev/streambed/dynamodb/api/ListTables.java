package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.table.Tables;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import java.io.IOException;

/** ListTables with Limit (1 to 100, default 100) and ExclusiveStartTableName. */
final class ListTables implements JsonOperation {
  private final Tables tables;

  ListTables(Tables tables) {
    this.tables = tables;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    Long limit = JsonMembers.number(in, "Limit");
    String start = JsonMembers.string(in, "ExclusiveStartTableName");
    Violations v = new Violations();
    if (limit != null && limit < 1) {
      v.add(limit, "limit", "Member must have value greater than or equal to 1");
    }
    if (limit != null && limit > 100) {
      v.add(limit, "limit", "Member must have value less than or equal to 100");
    }
    if (start != null) {
      v.tableName(start, "exclusiveStartTableName");
    }
    v.throwIfAny();
    Tables.NamePage page = tables.list(context.accountId(), context.region(), start,
        limit == null ? 100 : limit.intValue());
    out.writeStartObject();
    if (page.lastEvaluated() != null) {
      out.writeStringField("LastEvaluatedTableName", page.lastEvaluated());
    }
    out.writeArrayFieldStart("TableNames");
    for (String n : page.names()) {
      out.writeString(n);
    }
    out.writeEndArray();
    out.writeEndObject();
  }
}
