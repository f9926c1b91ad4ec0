package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.partiql.Statements;
import dev.streambed.dynamodb.table.TableCatalog;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import java.util.ArrayList;
import java.util.List;

/** What the three PartiQL operations share: a statement with its parameters, and table lookup. */
final class PartiQlRequests {
  private PartiQlRequests() {}

  /** Tables named by a statement: in the request's account and region, or by ARN. */
  static Statements.Tables tables(TableCatalog catalog, RequestContext context) {
    return name -> name.length() < 3 ? null : catalog.find(Wire.table(context, name));
  }

  /** Checks a Statement member and its Parameters, reporting violations at {@code path}. */
  static void check(Violations v, JsonNode holder, String path) {
    String statement = JsonMembers.string(holder, "Statement");
    JsonNode parameters = JsonMembers.array(holder, "Parameters");
    v.notNull(statement, path + "statement");
    if (statement != null && statement.isEmpty()) {
      v.add(statement, path + "statement", "Member must have length greater than or equal to 1");
    }
    if (statement != null && statement.length() > 8192) {
      v.add(statement, path + "statement", "Member must have length less than or equal to 8192");
    }
    if (parameters != null && parameters.isEmpty()) {
      v.add("[]", path + "parameters", "Member must have length greater than or equal to 1");
    }
  }

  static List<AttributeValue> parameters(JsonNode holder) {
    JsonNode parameters = JsonMembers.array(holder, "Parameters");
    List<AttributeValue> out = new ArrayList<>();
    if (parameters != null) {
      for (JsonNode p : parameters) {
        out.add(AttributeValueJson.decode(p));
      }
    }
    return out;
  }
}
