package dev.streambed.dynamodb.api;

import dev.streambed.kernel.protocol.JsonMembers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.AttributeUpdate;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpectedAttribute;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.Update;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The legacy parameters DynamoDB still accepts: Expected with ConditionalOperator,
 * QueryFilter/ScanFilter, and AttributeUpdates, read into the expression engine's typed forms.
 */
final class LegacyConditions {
  private LegacyConditions() {}

  /** The request's Expected condition, or null when it has none. */
  static Condition expected(JsonNode in) {
    JsonNode expected = JsonMembers.object(in, "Expected");
    String operator = JsonMembers.string(in, "ConditionalOperator");
    if ((expected == null || expected.isEmpty()) && operator != null) {
      // AWS's words, as a suite run against Amazon DynamoDB records them (ExtendDB's
      // conformance tests): an empty Expected counts as none.
      throw AwsException.validation("ConditionalOperator cannot be used without Filter or Expected");
    }
    if (expected == null) {
      return null;
    }
    List<ExpectedAttribute> attributes = entries(expected, (name, spec) -> new ExpectedAttribute(
        name, JsonMembers.bool(spec, "Exists"), value(spec),
        JsonMembers.string(spec, "ComparisonOperator"), valueList(spec)));
    return Expressions.expected(attributes, operator);
  }

  /** A QueryFilter or ScanFilter member with the request's ConditionalOperator, or null. */
  static Condition filter(JsonNode in, String member) {
    JsonNode filter = JsonMembers.object(in, member);
    if (filter == null) {
      return null;
    }
    List<ExpectedAttribute> conditions = entries(filter, (name, spec) -> ExpectedAttribute.filter(
        name, JsonMembers.string(spec, "ComparisonOperator"), valueList(spec)));
    return Expressions.filter(conditions, JsonMembers.string(in, "ConditionalOperator"));
  }

  /** The request's AttributeUpdates, or null. */
  static Update attributeUpdates(JsonNode in) {
    JsonNode updates = JsonMembers.object(in, "AttributeUpdates");
    if (updates == null) {
      return null;
    }
    return Expressions.attributeUpdates(entries(updates, (name, spec) ->
        new AttributeUpdate(name, JsonMembers.string(spec, "Action"), value(spec))));
  }

  /** Each member of a map of attribute names to structures, read into one typed entry. */
  private static <T> List<T> entries(JsonNode map, BiFunction<String, JsonNode, T> read) {
    List<T> out = new ArrayList<>(map.size());
    Iterator<Map.Entry<String, JsonNode>> it = map.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isObject()) {
        throw AttributeValueJson.serialization(e.getValue(), "Structure");
      }
      out.add(read.apply(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static AttributeValue value(JsonNode spec) {
    JsonNode value = JsonMembers.object(spec, "Value");
    return value == null ? null : AttributeValueJson.decode(value);
  }

  /** The AttributeValueList of a legacy condition, or null. */
  static List<AttributeValue> valueList(JsonNode spec) {
    JsonNode list = JsonMembers.array(spec, "AttributeValueList");
    if (list == null) {
      return null;
    }
    List<AttributeValue> out = new ArrayList<>(list.size());
    for (JsonNode v : list) {
      out.add(AttributeValueJson.decode(v));
    }
    return out;
  }
}
