package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.DynamoDbError;
import dev.streambed.dynamodb.partiql.StatementGroups;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.JsonOperation;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** BatchExecuteStatement: up to 25 PartiQL statements, each answered on its own. */
final class BatchExecuteStatement implements JsonOperation {
  private final TableCatalog catalog;
  private final StatementGroups groups;

  BatchExecuteStatement(TableCatalog catalog, StatementGroups groups) {
    this.catalog = catalog;
    this.groups = groups;
  }

  @Override
  public void handle(JsonNode in, RequestContext context, JsonGenerator out) throws IOException {
    JsonNode statements = JsonMembers.array(in, "Statements");
    String capacity = JsonMembers.string(in, "ReturnConsumedCapacity");
    Violations v = new Violations();
    v.notNull(statements, "statements");
    if (statements != null && statements.isEmpty()) {
      v.add("[]", "statements", "Member must have length greater than or equal to 1");
    }
    if (statements != null && statements.size() > 25) {
      v.add("[...]", "statements", "Member must have length less than or equal to 25");
    }
    v.oneOf(capacity, "returnConsumedCapacity", ItemRequests.RETURN_CAPACITY);
    List<StatementGroups.Entry> entries = new ArrayList<>();
    if (statements != null) {
      int i = 1;
      for (JsonNode s : statements) {
        String onFailure = JsonMembers.string(s, "ReturnValuesOnConditionCheckFailure");
        PartiQlRequests.check(v, s, "statements." + i + ".member.");
        v.oneOf(onFailure, "statements." + i + ".member.returnValuesOnConditionCheckFailure",
            List.of("ALL_OLD", "NONE"));
        entries.add(new StatementGroups.Entry(JsonMembers.string(s, "Statement"),
            PartiQlRequests.parameters(s), Boolean.TRUE.equals(JsonMembers.bool(s, "ConsistentRead")),
            "ALL_OLD".equals(onFailure)));
        i++;
      }
    }
    v.throwIfAny();
    List<StatementGroups.Answer> answers = groups.batch(PartiQlRequests.tables(catalog, context), entries);
    out.writeStartObject();
    out.writeArrayFieldStart("Responses");
    for (StatementGroups.Answer a : answers) {
      out.writeStartObject();
      if (a.error() != null) {
        error(out, a.error());
      }
      if (a.tableName() != null) {
        out.writeStringField("TableName", a.tableName());
      }
      if (a.item() != null) {
        Wire.item(out, "Item", a.item());
      }
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  /** A BatchStatementError: AWS's short codes (ConditionalCheckFailed, DuplicateItem, ...). */
  private static void error(JsonGenerator out, AwsException e) throws IOException {
    String code = e.errorCode().code();
    if (e.errorCode() == DynamoDbError.CONDITIONAL_CHECK_FAILED) {
      code = "ConditionalCheckFailed";
    } else if (code.equals("ValidationException")) {
      code = "ValidationError";
    } else {
      code = code.replace("Exception", "");
    }
    out.writeObjectFieldStart("Error");
    out.writeStringField("Code", code);
    out.writeStringField("Message", e.getMessage());
    @SuppressWarnings("unchecked")
    Map<String, AttributeValue> item = (Map<String, AttributeValue>) e.extras().get("Item");
    if (item != null) {
      Wire.item(out, "Item", item);
    }
    out.writeEndObject();
  }
}
