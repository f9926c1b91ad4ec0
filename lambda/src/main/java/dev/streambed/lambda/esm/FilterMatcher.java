package dev.streambed.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lambda's event filtering: a record passes when any of the mapping's patterns matches it (the
 * filters of a FilterCriteria are ORed). A pattern matches when every member it names matches:
 * nested objects descend, {@code $or} needs one of its patterns, and an array lists
 * alternatives. The record is matched as the function would receive it, so DynamoDB values are
 * typed ({@code "NewImage": {"n": {"N": "42"}}}): a DynamoDB number is a string there, which
 * {@code numeric} does not match, as AWS's recorded answers show.
 *
 * <p>As in EventBridge, {@code exists} looks at leaves only: a member whose value is an object
 * does not exist for it, nor do the members of a missing object; an array in the record
 * matches when one of its elements does.
 */
final class FilterMatcher {
  private final List<JsonNode> patterns;

  FilterMatcher(List<String> patterns) {
    this.patterns = patterns.stream().map(FilterMatcher::parse).toList();
  }

  private static JsonNode parse(String text) {
    JsonNode p = FilterPatterns.parse(text);
    if (p == null) {
      throw new UncheckedIOException(new IOException("not a filter pattern: " + text));
    }
    return p;
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
      JsonNode rule = f.getValue();
      if (f.getKey().equals("$or")) {
        boolean any = false;
        for (JsonNode alternative : rule) {
          any |= matchesObject(alternative, value);
        }
        if (!any) {
          return false;
        }
        continue;
      }
      JsonNode actual = value == null || !value.isObject() ? null : value.get(f.getKey());
      if (rule.isObject()) {
        if (!matchesNested(rule, actual)) {
          return false;
        }
      } else if (!matchesAny(rule, actual)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A nested pattern: as in EventBridge, which matches paths, a missing object (or one that is
   * a leaf in the record) has missing members, which {@code exists: false} matches.
   */
  private static boolean matchesNested(JsonNode rule, JsonNode actual) {
    if (actual != null && actual.isArray()) {
      for (JsonNode element : actual) {
        if (matchesObject(rule, element.isObject() ? element : null)) {
          return true;
        }
      }
      return false;
    }
    return matchesObject(rule, actual != null && actual.isObject() ? actual : null);
  }

  /** Whether one of the matchers matches the record's value (missing: null). */
  private static boolean matchesAny(JsonNode matchers, JsonNode actual) {
    boolean leafPresent = actual != null && !actual.isObject();
    for (JsonNode m : matchers) {
      if (m.isObject() && m.has("exists")) {
        if (m.get("exists").booleanValue() == leafPresent) {
          return true;
        }
      } else if (actual != null && actual.isArray()) {
        for (JsonNode element : actual) {
          if (matchesLeaf(m, element)) {
            return true;
          }
        }
      } else if (leafPresent && matchesLeaf(m, actual)) {
        return true;
      }
    }
    return false;
  }

  /** One matcher against a present, non-object value. */
  private static boolean matchesLeaf(JsonNode m, JsonNode v) {
    if (!m.isObject()) {
      return equalValues(m, v);
    }
    Map.Entry<String, JsonNode> op = m.fields().next();
    JsonNode arg = op.getValue();
    String text = v.isTextual() ? v.textValue() : null;
    return switch (op.getKey()) {
      case "prefix" -> text != null && (arg.isTextual() ? text.startsWith(arg.textValue())
          : startsWithIgnoringCase(text, arg.get("equals-ignore-case").textValue()));
      case "suffix" -> text != null && (arg.isTextual() ? text.endsWith(arg.textValue())
          : endsWithIgnoringCase(text, arg.get("equals-ignore-case").textValue()));
      case "equals-ignore-case" -> text != null && text.equalsIgnoreCase(arg.textValue());
      case "wildcard" -> text != null && wildcard(arg.textValue(), text);
      case "numeric" -> v.isNumber() && numeric(arg, v.decimalValue());
      case "anything-but" -> anythingBut(arg, v);
      default -> false;
    };
  }

  private static boolean equalValues(JsonNode pattern, JsonNode v) {
    if (pattern.isNumber()) {
      return v.isNumber() && pattern.decimalValue().compareTo(v.decimalValue()) == 0;
    }
    return pattern.equals(v);
  }

  private static boolean anythingBut(JsonNode arg, JsonNode v) {
    if (arg.isArray()) {
      for (JsonNode excluded : arg) {
        if (equalValues(excluded, v)) {
          return false;
        }
      }
      return true;
    }
    if (!arg.isObject()) {
      return !equalValues(arg, v);
    }
    // The forms on strings match only strings, as EventBridge's do.
    if (!v.isTextual()) {
      return false;
    }
    String text = v.textValue();
    Map.Entry<String, JsonNode> op = arg.fields().next();
    JsonNode x = op.getValue();
    return switch (op.getKey()) {
      case "prefix" -> !text.startsWith(x.textValue());
      case "suffix" -> !text.endsWith(x.textValue());
      case "wildcard" -> none(x, w -> wildcard(w, text));
      case "equals-ignore-case" -> none(x, w -> w.equalsIgnoreCase(text));
      default -> false;
    };
  }

  private static boolean none(JsonNode oneOrMany, java.util.function.Predicate<String> test) {
    if (oneOrMany.isTextual()) {
      return !test.test(oneOrMany.textValue());
    }
    for (JsonNode x : oneOrMany) {
      if (test.test(x.textValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean numeric(JsonNode ops, BigDecimal n) {
    for (int i = 0; i + 1 < ops.size(); i += 2) {
      int c = n.compareTo(ops.get(i + 1).decimalValue());
      boolean ok = switch (ops.get(i).asText()) {
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
  }

  private static boolean startsWithIgnoringCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static boolean endsWithIgnoringCase(String text, String suffix) {
    return text.length() >= suffix.length()
        && text.regionMatches(true, text.length() - suffix.length(), suffix, 0, suffix.length());
  }

  /** EventBridge's wildcard: {@code *} stands for any run of characters, {@code \*} for a star. */
  static boolean wildcard(String pattern, String text) {
    return globMatch(pattern, 0, text, 0);
  }

  private static boolean globMatch(String p, int pi, String t, int ti) {
    // Iterative matching with one backtrack point, linear in practice.
    int star = -1;
    int mark = 0;
    while (ti < t.length()) {
      if (pi < p.length() && p.charAt(pi) == '\\' && pi + 1 < p.length()) {
        if (t.charAt(ti) == p.charAt(pi + 1)) {
          pi += 2;
          ti++;
          continue;
        }
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = ++pi;
        mark = ti;
        continue;
      } else if (pi < p.length() && p.charAt(pi) == t.charAt(ti)) {
        pi++;
        ti++;
        continue;
      }
      if (star < 0) {
        return false;
      }
      pi = star;
      ti = ++mark;
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
