package dev.streambed.logs.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.protocol.RequestContext;
import dev.streambed.kernel.value.AttributeValueJson;
import dev.streambed.logs.LogsError;
import dev.streambed.logs.group.GroupRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading request members with AWS's type rules. */
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

  static JsonNode array(JsonNode request, String member) {
    JsonNode v = request.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray()) {
      throw v.isObject() ? AttributeValueJson.serialization(v, "List")
          : new AwsException(CommonError.SERIALIZATION, "Unexpected value type in payload");
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
    JsonNode o = request.get(member);
    if (o == null || o.isNull()) {
      return null;
    }
    if (!o.isObject()) {
      throw AttributeValueJson.serialization(o, "Map");
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

  /**
   * The group named by {@code logGroupName} or by {@code logGroupIdentifier} (a name or an ARN);
   * AWS rejects both together with ValidationException.
   */
  static GroupRef group(JsonNode in, RequestContext context) {
    String name = string(in, "logGroupName");
    String identifier = string(in, "logGroupIdentifier");
    if (name != null && identifier != null) {
      throw new AwsException(LogsError.VALIDATION,
          "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
    }
    if (identifier != null) {
      if (identifier.startsWith("arn:")) {
        GroupRef ref = GroupRef.fromArn(identifier);
        if (ref == null) {
          throw LogsError.invalid("Invalid log group ARN: " + identifier);
        }
        return ref;
      }
      name = identifier;
    }
    Violations v = new Violations();
    v.groupName(name, "logGroupName");
    v.throwIfAny();
    return new GroupRef(context.accountId(), context.region(), name);
  }

  static String pageToken(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /** The position a page token carries, or InvalidParameterException as AWS words it. */
  static String pagePosition(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LogsError.invalidToken();
    }
  }
}
