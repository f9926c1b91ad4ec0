package dev.streambed.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lambda's event filtering: a record passes when any of the mapping's patterns matches it. A
 * pattern matches when every member it names matches: nested objects descend, arrays list
 * alternatives (a value, or {@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code anything-but}, {@code numeric}, {@code exists}).
 */
final class FilterMatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<JsonNode> patterns;

  FilterMatcher(List<String> patterns) {
    this.patterns = patterns.stream().map(FilterMatcher::parse).toList();
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isEmpty() {
    return patterns.isEmpty();
  }

  /** Whether a record (as the function would see it) passes the filters. */
  boolean matches(JsonNode record) {
    if (patterns.isEmpty()) {
      return true;
    }
    for (JsonNode p : patterns) {
      if (matchesObject(p, record)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesObject(JsonNode pattern, JsonNode value) {
    Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode actual = value == null ? null : value.get(f.getKey());
      JsonNode rule = f.getValue();
      if (rule.isObject()) {
        if (actual == null || !actual.isObject() || !matchesObject(rule, actual)) {
          return false;
        }
      } else if (!matchesAny(rule, actual)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesAny(JsonNode alternatives, JsonNode actual) {
    for (JsonNode m : alternatives) {
      if (actual != null && actual.isArray()) {
        for (JsonNode element : actual) {
          if (matchesOne(m, element)) {
            return true;
          }
        }
        if (m.isObject() && m.has("exists") && matchesOne(m, actual)) {
          return true;
        }
      } else if (matchesOne(m, actual)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesOne(JsonNode m, JsonNode actual) {
    if (!m.isObject()) {
      if (actual == null) {
        return false;
      }
      if (m.isNull()) {
        return actual.isNull();
      }
      if (m.isNumber() && actual.isNumber()) {
        return m.decimalValue().compareTo(actual.decimalValue()) == 0;
      }
      return m.equals(actual);
    }
    Map.Entry<String, JsonNode> op = m.fields().next();
    JsonNode arg = op.getValue();
    switch (op.getKey()) {
      case "exists":
        return arg.asBoolean() == (actual != null);
      case "prefix":
        return actual != null && actual.isTextual() && actual.textValue().startsWith(arg.textValue());
      case "suffix":
        return actual != null && actual.isTextual() && actual.textValue().endsWith(arg.textValue());
      case "equals-ignore-case":
        return actual != null && actual.isTextual() && actual.textValue().equalsIgnoreCase(arg.textValue());
      case "anything-but":
        if (actual == null) {
          return false;
        }
        if (arg.isArray()) {
          for (JsonNode a : arg) {
            if (matchesOne(a, actual)) {
              return false;
            }
          }
          return true;
        }
        if (arg.isObject() && arg.has("prefix")) {
          return !(actual.isTextual() && actual.textValue().startsWith(arg.get("prefix").textValue()));
        }
        return !matchesOne(arg, actual);
      case "numeric":
        if (actual == null) {
          return false;
        }
        java.math.BigDecimal n;
        try {
          n = actual.isNumber() ? actual.decimalValue() : new java.math.BigDecimal(actual.asText());
        } catch (NumberFormatException e) {
          return false;
        }
        for (int i = 0; i + 1 < arg.size(); i += 2) {
          int c = n.compareTo(arg.get(i + 1).decimalValue());
          boolean ok = switch (arg.get(i).asText()) {
            case "=" -> c == 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> false;
          };
          if (!ok) {
            return false;
          }
        }
        return true;
      default:
        return false;
    }
  }
}
