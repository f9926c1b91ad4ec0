package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.partiql.StatementGroups;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ExecuteTransaction: up to 100 PartiQL statements, all reads or all writes, all or none. */
final class ExecuteTransaction implements JsonOperation {
  private final TableCatalog catalog;
  private final StatementGroups groups;

  ExecuteTransaction(TableCatalog catalog, StatementGroups groups) {
    this.catalog = catalog;
    this.groups = groups;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    JsonNode statements = JsonMembers.array(in, "TransactStatements");
    String capacity = JsonMembers.string(in, "ReturnConsumedCapacity");
    String token = JsonMembers.string(in, "ClientRequestToken");
    Violations v = new Violations();
    v.notNull(statements, "transactStatements");
    if (statements != null && statements.isEmpty()) {
      v.add("[]", "transactStatements", "Member must have length greater than or equal to 1");
    }
    if (statements != null && statements.size() > 100) {
      v.add("[...]", "transactStatements", "Member must have length less than or equal to 100");
    }
    if (token != null && (token.isEmpty() || token.length() > 36)) {
      v.add(token, "clientRequestToken", token.isEmpty()
          ? "Member must have length greater than or equal to 1"
          : "Member must have length less than or equal to 36");
    }
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    List<StatementGroups.Entry> entries = new ArrayList<>();
    if (statements != null) {
      int i = 1;
      for (JsonNode s : statements) {
        String onFailure = JsonMembers.string(s, "ReturnValuesOnConditionCheckFailure");
        PartiQlRequests.check(v, s, "transactStatements." + i + ".member.");
        v.oneOf(onFailure, "transactStatements." + i + ".member.returnValuesOnConditionCheckFailure",
            List.of("ALL_OLD", "NONE"));
        entries.add(new StatementGroups.Entry(JsonMembers.string(s, "Statement"),
            PartiQlRequests.parameters(s), false, "ALL_OLD".equals(onFailure)));
        i++;
      }
    }
    v.throwIfAny();
    List<Map<String, AttributeValue>> read = groups.transaction(
        PartiQlRequests.tables(catalog, context), entries, token, in.hashCode());
    out.writeStartObject();
    out.writeArrayFieldStart("Responses");
    for (Map<String, AttributeValue> item : read) {
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
