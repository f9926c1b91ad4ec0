package dev.streambed.tests.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What AWS returns for ReturnValues UPDATED_OLD and UPDATED_NEW when an UpdateExpression changes
 * nested paths: only the updated fragments, each wrapped in the maps and lists that lead to it
 * (as a ProjectionExpression of the updated paths would return them), where DynamoDB Local
 * returns the whole top-level attributes. Built from DynamoDB Local's answer, which holds the
 * whole attributes the fragments are cut from.
 */
final class UpdatedFragments {
  private UpdatedFragments() {}

  /** The document paths an UpdateExpression writes to, placeholders replaced: names and indexes. */
  static List<List<Object>> targets(String expression, Map<String, String> names) {
    List<List<Object>> paths = new ArrayList<>();
    String clause = null;
    int depth = 0;
    StringBuilder part = new StringBuilder();
    int i = 0;
    while (i <= expression.length()) {
      char c = i < expression.length() ? expression.charAt(i) : ',';
      String keyword = depth == 0 ? keywordAt(expression, i) : null;
      if (keyword != null || i == expression.length() || (c == ',' && depth == 0)) {
        if (clause != null && !part.toString().isBlank()) {
          paths.add(path(target(clause, part.toString()), names));
        }
        part.setLength(0);
        if (keyword != null) {
          clause = keyword;
          i += keyword.length();
          continue;
        }
        i++;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      part.append(c);
      i++;
    }
    return paths;
  }

  /** Whether a path has more than its top-level name. */
  static boolean anyNested(List<List<Object>> paths) {
    return paths.stream().anyMatch(p -> p.size() > 1);
  }

  private static String keywordAt(String text, int i) {
    for (String k : List.of("SET", "REMOVE", "ADD", "DELETE")) {
      int end = i + k.length();
      if (end <= text.length() && text.substring(i, end).toUpperCase(Locale.ROOT).equals(k)
          && (i == 0 || !isNameChar(text.charAt(i - 1)))
          && (end == text.length() || !isNameChar(text.charAt(end)))) {
        return k;
      }
    }
    return null;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '#' || c == ':';
  }

  private static String target(String clause, String action) {
    String a = action.trim();
    return switch (clause) {
      case "SET" -> a.substring(0, a.indexOf('=')).trim();
      case "REMOVE" -> a;
      default -> a.split("\\s+")[0];
    };
  }

  private static List<Object> path(String text, Map<String, String> names) {
    List<Object> steps = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == '[') {
        addName(steps, name, names);
        if (c == '[') {
          int close = text.indexOf(']', i);
          steps.add(Integer.parseInt(text.substring(i + 1, close).trim()));
          i = close;
        }
      } else if (!Character.isWhitespace(c)) {
        name.append(c);
      }
    }
    addName(steps, name, names);
    return steps;
  }

  private static void addName(List<Object> steps, StringBuilder name, Map<String, String> names) {
    if (name.length() > 0) {
      String n = name.toString();
      steps.add(n.startsWith("#") && names != null && names.containsKey(n) ? names.get(n) : n);
      name.setLength(0);
    }
  }

  /** The parts of {@code attributes} (DynamoDB JSON as the Normalizer shows it) at {@code paths}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> project(Map<String, Object> attributes, List<List<Object>> paths) {
    Map<String, Object> tree = new TreeMap<>();
    for (List<Object> path : paths) {
      Object value = attributes.get((String) path.get(0));
      if (value == null) {
        continue;
      }
      Object node = tree.computeIfAbsent((String) path.get(0), k -> new Node());
      for (int i = 1; i < path.size() && value != null; i++) {
        Object step = path.get(i);
        Map<String, Object> typed = (Map<String, Object>) value;
        if (step instanceof Integer index && typed.get("L") instanceof List<?> list) {
          value = index < list.size() ? list.get(index) : null;
        } else if (step instanceof String key && typed.get("M") instanceof Map<?, ?> map) {
          value = map.get(key);
        } else {
          value = null;
        }
        if (value != null) {
          node = ((Node) node).children.computeIfAbsent(step, k -> new Node());
        }
      }
      if (value != null) {
        ((Node) node).value = value;
      }
    }
    Map<String, Object> out = new TreeMap<>();
    tree.forEach((name, node) -> {
      Object v = ((Node) node).build();
      if (v != null) {
        out.put(name, v);
      }
    });
    return out;
  }

  /** A part of the projection under construction: a whole value, or chosen children of one. */
  private static final class Node {
    Object value;
    final Map<Object, Node> children = new TreeMap<>((a, b) -> a instanceof Integer x && b instanceof Integer y
        ? Integer.compare(x, y) : String.valueOf(a).compareTo(String.valueOf(b)));

    Object build() {
      if (value != null) {
        return value;
      }
      if (children.isEmpty()) {
        return null;
      }
      boolean list = children.keySet().iterator().next() instanceof Integer;
      if (list) {
        List<Object> elements = new ArrayList<>();
        children.values().forEach(c -> elements.add(c.build()));
        return Map.of("L", elements);
      }
      Map<String, Object> members = new TreeMap<>();
      children.forEach((k, c) -> members.put((String) k, c.build()));
      return Map.of("M", members);
    }
  }
}
