package dev.streambed.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The grammar of Lambda's event filter patterns: a JSON object whose members are either nested
 * objects or arrays of matchers (values, or objects such as {@code {"prefix": "..."}},
 * {@code {"anything-but": [...]}}, {@code {"numeric": [">", 0]}}, {@code {"exists": true}}).
 */
final class FilterPatterns {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FilterPatterns() {}

  /** Whether a pattern text is one Lambda accepts. */
  static boolean valid(String pattern) {
    JsonNode root;
    try {
      root = JSON.readTree(pattern);
    } catch (IOException e) {
      return false;
    }
    return root != null && root.isObject() && root.size() > 0 && validObject(root);
  }

  private static boolean validObject(JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      JsonNode v = fields.next().getValue();
      if (v.isObject()) {
        if (v.size() == 0 || !validObject(v)) {
          return false;
        }
      } else if (v.isArray()) {
        if (v.size() == 0) {
          return false;
        }
        for (JsonNode m : v) {
          if (!validMatcher(m)) {
            return false;
          }
        }
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean validMatcher(JsonNode m) {
    if (m.isTextual() || m.isNumber() || m.isBoolean() || m.isNull()) {
      return true;
    }
    if (!m.isObject() || m.size() != 1) {
      return false;
    }
    Map.Entry<String, JsonNode> op = m.fields().next();
    JsonNode arg = op.getValue();
    switch (op.getKey()) {
      case "prefix":
      case "suffix":
      case "equals-ignore-case":
        return arg.isTextual();
      case "exists":
        return arg.isBoolean();
      case "anything-but":
        return arg.isTextual() || arg.isNumber() || (arg.isArray() && arg.size() > 0)
            || (arg.isObject() && arg.has("prefix"));
      case "numeric":
        if (!arg.isArray() || arg.size() == 0 || arg.size() % 2 != 0) {
          return false;
        }
        for (int i = 0; i < arg.size(); i += 2) {
          if (!arg.get(i).isTextual() || !arg.get(i + 1).isNumber()) {
            return false;
          }
        }
        return true;
      default:
        return false;
    }
  }
}
