package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.partiql.Statements;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ExecuteStatement: one PartiQL statement. */
final class ExecuteStatement implements JsonOperation {
  private final TableCatalog catalog;
  private final Statements statements;

  ExecuteStatement(TableCatalog catalog, Statements statements) {
    this.catalog = catalog;
    this.statements = statements;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    Long limit = JsonMembers.number(in, "Limit");
    String token = JsonMembers.string(in, "NextToken");
    String capacity = JsonMembers.string(in, "ReturnConsumedCapacity");
    String onFailure = JsonMembers.string(in, "ReturnValuesOnConditionCheckFailure");
    Violations v = new Violations();
    PartiQlRequests.check(v, in, "");
    if (token != null && (token.isEmpty() || token.length() > 32768)) {
      v.add(token, "nextToken", token.isEmpty() ? "Member must have length greater than or equal to 1"
          : "Member must have length less than or equal to 32768");
    }
    if (limit != null && limit < 1) {
      v.add(limit, "limit", "Member must have value greater than or equal to 1");
    }
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    v.oneOf(onFailure, "returnValuesOnConditionCheckFailure", List.of("ALL_OLD", "NONE"));
    v.throwIfAny();
    Statements.Request request = new Statements.Request(JsonMembers.string(in, "Statement"),
        PartiQlRequests.parameters(in), Boolean.TRUE.equals(JsonMembers.bool(in, "ConsistentRead")),
        limit == null ? null : (int) Math.min(limit, Integer.MAX_VALUE), token, "ALL_OLD".equals(onFailure));
    Statements.Result result = statements.execute(PartiQlRequests.tables(catalog, context), request);
    out.writeStartObject();
    out.writeArrayFieldStart("Items");
    for (Map<String, AttributeValue> item : result.items()) {
      dev.streambed.kernel.value.AttributeValueJson.writeItem(out, item);
    }
    out.writeEndArray();
    if (result.nextToken() != null) {
      out.writeStringField("NextToken", result.nextToken());
    }
    ItemRequests.consumedCapacity(out, capacity, result.tableName(), result.capacityUnits());
    out.writeEndObject();
  }
}
