package dev.streambed.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.value.AttributeValueJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the members of a JSON-protocol request with AWS's type rules: an absent or null
 * member reads as null, and a member of the wrong JSON type is AWS's SerializationException.
 * Every JSON service's operations read their requests through these.
 */
public final class JsonMembers {
  private JsonMembers() {}

  public static String string(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    throw AttributeValueJson.serialization(v, "String");
  }

  public static Boolean bool(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    throw AttributeValueJson.serialization(v, "Boolean");
  }

  public static Long number(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    throw AttributeValueJson.serialization(v, "Long");
  }

  public static JsonNode object(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw AttributeValueJson.serialization(v, "Structure");
    }
    return v;
  }

  public static JsonNode array(JsonNode request, String member) {
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

  public static List<String> strings(JsonNode request, String member) {
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

  public static Map<String, String> stringMap(JsonNode request, String member) {
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
}
