package dev.streambed.logs.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/** A condition of a JSON filter pattern, evaluated against a parsed message. */
interface JsonCondition {
  boolean test(JsonNode root);

  record And(JsonCondition left, JsonCondition right) implements JsonCondition {
    @Override
    public boolean test(JsonNode root) {
      return left.test(root) && right.test(root);
    }
  }

  record Or(JsonCondition left, JsonCondition right) implements JsonCondition {
    @Override
    public boolean test(JsonNode root) {
      return left.test(root) || right.test(root);
    }
  }

  /** {@code $.a.b[0] IS TRUE|FALSE|NULL} and {@code $.a NOT EXISTS}. */
  record Is(Selector selector, String what) implements JsonCondition {
    @Override
    public boolean test(JsonNode root) {
      JsonNode v = selector.select(root);
      return switch (what) {
        case "TRUE" -> v != null && v.isBoolean() && v.booleanValue();
        case "FALSE" -> v != null && v.isBoolean() && !v.booleanValue();
        case "NULL" -> v != null && v.isNull();
        case "NOT EXISTS" -> v == null;
        default -> false;
      };
    }
  }

  /**
   * {@code selector OP value}. A number compares numerically with numeric values; a string
   * compares with = and != only, {@code *} matching any run of characters.
   */
  record Compare(Selector selector, String op, String text, BigDecimal number) implements JsonCondition {
    @Override
    public boolean test(JsonNode root) {
      JsonNode v = selector.select(root);
      if (v == null || v.isContainerNode()) {
        return false;
      }
      if (number != null) {
        BigDecimal actual = numeric(v);
        if (actual == null) {
          return false;
        }
        int c = actual.compareTo(number);
        return switch (op) {
          case "=" -> c == 0;
          case "!=" -> c != 0;
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          case ">=" -> c >= 0;
          default -> false;
        };
      }
      if (v.isNull()) {
        return false;
      }
      boolean equal = wildcard(text).matcher(v.asText()).matches();
      return op.equals("=") ? equal : op.equals("!=") && !equal;
    }

    private static BigDecimal numeric(JsonNode v) {
      if (v.isNumber()) {
        return v.decimalValue();
      }
      if (v.isTextual()) {
        try {
          return new BigDecimal(v.textValue());
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }

    private static Pattern wildcard(String text) {
      StringBuilder re = new StringBuilder();
      String[] parts = text.split("\\*", -1);
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          re.append(".*");
        }
        re.append(Pattern.quote(parts[i]));
      }
      return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
  }

  /** {@code $.a.b[2].c}: fields and array indexes from the root. */
  record Selector(List<Object> steps) {
    JsonNode select(JsonNode root) {
      JsonNode n = root;
      for (Object step : steps) {
        if (n == null) {
          return null;
        }
        n = step instanceof Integer i ? (n.isArray() ? n.get(i) : null) : (n.isObject() ? n.get((String) step) : null);
      }
      return n;
    }
  }
}
