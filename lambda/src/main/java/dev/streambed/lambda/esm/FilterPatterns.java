package dev.streambed.lambda.esm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The grammar of Lambda's event filter patterns (the EventBridge pattern language): a JSON
 * object whose members are nested objects, {@code "$or"} with a list of patterns, or arrays of
 * matchers: values (string, number, boolean, null) or one-member objects {@code prefix},
 * {@code suffix}, {@code equals-ignore-case}, {@code wildcard}, {@code anything-but},
 * {@code numeric} and {@code exists}. A pattern outside it is "Invalid filter pattern
 * definition." on create and update.
 */
final class FilterPatterns {
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> LOWER = Set.of(">", ">=");
  private static final Set<String> UPPER = Set.of("<", "<=");

  private FilterPatterns() {}

  /** The pattern's tree, or null when the text is not a pattern Lambda accepts. */
  static JsonNode parse(String pattern) {
    JsonNode root;
    try {
      root = JSON.readTree(pattern);
    } catch (IOException e) {
      return null;
    }
    return root != null && root.isObject() && root.size() > 0 && validObject(root) ? root : null;
  }

  static boolean valid(String pattern) {
    return pattern != null && parse(pattern) != null;
  }

  private static boolean validObject(JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode v = f.getValue();
      if (f.getKey().equals("$or")) {
        if (!v.isArray() || v.size() < 2) {
          return false;
        }
        for (JsonNode alternative : v) {
          if (!alternative.isObject() || alternative.size() == 0 || !validObject(alternative)) {
            return false;
          }
        }
      } else if (v.isObject()) {
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
    return switch (op.getKey()) {
      case "prefix", "suffix" -> arg.isTextual() || ignoringCase(arg);
      case "equals-ignore-case" -> arg.isTextual();
      case "wildcard" -> validWildcard(arg);
      case "exists" -> arg.isBoolean();
      case "anything-but" -> validAnythingBut(arg);
      case "numeric" -> validNumeric(arg);
      default -> false;
    };
  }

  private static boolean ignoringCase(JsonNode arg) {
    return arg.isObject() && arg.size() == 1 && arg.has("equals-ignore-case")
        && arg.get("equals-ignore-case").isTextual();
  }

  /** EventBridge refuses two wildcards in a row. */
  private static boolean validWildcard(JsonNode arg) {
    return arg.isTextual() && !arg.textValue().contains("**");
  }

  private static boolean validAnythingBut(JsonNode arg) {
    if (arg.isTextual() || arg.isNumber()) {
      return true;
    }
    if (arg.isArray()) {
      if (arg.size() == 0) {
        return false;
      }
      boolean strings = arg.get(0).isTextual();
      for (JsonNode v : arg) {
        if (strings ? !v.isTextual() : !v.isNumber()) {
          return false;
        }
      }
      return true;
    }
    if (!arg.isObject() || arg.size() != 1) {
      return false;
    }
    Map.Entry<String, JsonNode> op = arg.fields().next();
    JsonNode v = op.getValue();
    return switch (op.getKey()) {
      case "prefix", "suffix" -> v.isTextual();
      case "wildcard" -> validWildcard(v) || (v.isArray() && v.size() > 0 && allMatch(v, FilterPatterns::validWildcard));
      case "equals-ignore-case" -> v.isTextual() || (v.isArray() && v.size() > 0 && allMatch(v, JsonNode::isTextual));
      default -> false;
    };
  }

  private static boolean allMatch(JsonNode array, java.util.function.Predicate<JsonNode> test) {
    for (JsonNode v : array) {
      if (!test.test(v)) {
        return false;
      }
    }
    return true;
  }

  /** {@code [op, n]}, or a range {@code [">" or ">=", low, "<" or "<=", high]} with low below high. */
  private static boolean validNumeric(JsonNode arg) {
    if (!arg.isArray()) {
      return false;
    }
    if (arg.size() == 2) {
      return arg.get(0).isTextual() && Set.of("=", "<", "<=", ">", ">=").contains(arg.get(0).textValue())
          && arg.get(1).isNumber();
    }
    if (arg.size() == 4) {
      return arg.get(0).isTextual() && LOWER.contains(arg.get(0).textValue()) && arg.get(1).isNumber()
          && arg.get(2).isTextual() && UPPER.contains(arg.get(2).textValue()) && arg.get(3).isNumber()
          && arg.get(1).decimalValue().compareTo(arg.get(3).decimalValue()) < 0;
    }
    return false;
  }
}
