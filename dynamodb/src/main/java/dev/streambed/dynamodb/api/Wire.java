package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import dev.streambed.dynamodb.table.TableRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading request members with AWS's type rules, and writing common response members. */
final class Wire {
  private Wire() {}

  static String string(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    throw AttributeValueJson.serialization(v, "String");
  }

  static Boolean bool(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    throw AttributeValueJson.serialization(v, "Boolean");
  }

  static Long number(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    throw AttributeValueJson.serialization(v, "Long");
  }

  static JsonNode object(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw AttributeValueJson.serialization(v, "Structure");
    }
    return v;
  }

  static JsonNode array(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw v.isObject()
          ? AttributeValueJson.serialization(v, "List")
          : new AwsException(dev.streambed.kernel.error.CommonError.SERIALIZATION,
              "Unexpected value type in payload");
    }
    return v;
  }

  static List<String> strings(JsonNode request, String member) {
    JsonNode a = array(request, member);
    if (a == null) {
      return null;
    }
    List<String> out = new ArrayList<>(a.size());
    for (JsonNode e : a) {
      if (!e.isTextual()) {
        throw AttributeValueJson.serialization(e, "String");
      }
      out.add(e.textValue());
    }
    return out;
  }

  static Map<String, String> stringMap(JsonNode request, String member) {
    JsonNode o = object(request, member);
    if (o == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = o.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw AttributeValueJson.serialization(e.getValue(), "String");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  static Map<String, AttributeValue> item(JsonNode request, String member) {
    JsonNode o = object(request, member);
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
