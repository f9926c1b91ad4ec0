package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.protocol.JsonMembers;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import dev.streambed.dynamodb.table.TableRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/** Reading request members with AWS's type rules, and writing common response members. */
final class Wire {
  private Wire() {}








  static Map<String, AttributeValue> item(JsonNode request, String member) {
    JsonNode o = JsonMembers.object(request, member);
    return o == null ? null : AttributeValueJson.decodeItem(o);
  }

  /**
   * The table a TableName member names. As on AWS, TableName may also be the table's ARN, which
   * names its region and account.
   */
  static TableRef table(RequestContext context, String name) {
    if (name.startsWith("arn:")) {
      String[] parts = name.split(":", 6);
      if (parts.length == 6 && parts[2].equals("dynamodb") && parts[5].startsWith("table/")
          && parts[5].indexOf('/', 6) < 0) {
        return new TableRef(parts[4], parts[3], parts[5].substring("table/".length()));
      }
    }
    return new TableRef(context.accountId(), context.region(), name);
  }

  static void epochSeconds(JsonGenerator g, String field, long millis) throws IOException {
    g.writeFieldName(field);
    g.writeNumber(BigDecimal.valueOf(millis, 3));
  }

  static void item(JsonGenerator g, String field, Map<String, AttributeValue> item) throws IOException {
    g.writeFieldName(field);
    AttributeValueJson.writeItem(g, item);
  }
}
