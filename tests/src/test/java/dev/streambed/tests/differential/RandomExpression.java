package dev.streambed.tests.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One request's random expressions (conditions, updates, projections) over the attribute names
 * of {@link RandomValues}, with the names and values they use and nothing else.
 */
final class RandomExpression {
  private static final List<String> COMPARATORS = List.of("=", "<>", "<", "<=", ">", ">=");
  private static final List<String> TYPES = List.of("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M");

  private final RandomValues values;
  private final Random random;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, AttributeValue> placeholders = new LinkedHashMap<>();

  RandomExpression(RandomValues values) {
    this.values = values;
    this.random = values.random();
  }

  /** The ExpressionAttributeNames used so far, or null when none is. */
  Map<String, String> names() {
    return names.isEmpty() ? null : names;
  }

  /** The ExpressionAttributeValues used so far, or null when none is. */
  Map<String, AttributeValue> values() {
    return placeholders.isEmpty() ? null : placeholders;
  }

  /** A placeholder for {@code v}, added to {@link #values()}. */
  String value(AttributeValue v) {
    String name = ":v" + placeholders.size();
    placeholders.put(name, v);
    return name;
  }

  /** The attribute itself, or now and then a placeholder for it, added to {@link #names()}. */
  String name(String attribute) {
    if (random.nextInt(4) == 0) {
      String placeholder = "#n" + names.size();
      names.put(placeholder, attribute);
      return placeholder;
    }
    return attribute;
  }

  /** A document path: a top-level name, sometimes with a map key or a list index after it. */
  String path() {
    String path = name(values.pick(RandomValues.NAMES));
    int tail = random.nextInt(4);
    if (tail == 1) {
      path += "." + name(values.pick(RandomValues.INNER));
    } else if (tail == 2) {
      path += "[" + random.nextInt(3) + "]";
    }
    return path;
  }

  private String operand() {
    return random.nextInt(3) == 0 ? path() : value(values.value(1));
  }

  String condition(int depth) {
    int kind = random.nextInt(depth > 0 ? 13 : 10);
    switch (kind) {
      case 0: return "attribute_exists(" + path() + ")";
      case 1: return "attribute_not_exists(" + path() + ")";
      case 2: return "attribute_type(" + path() + ", " + value(AttributeValue.fromS(values.pick(TYPES))) + ")";
      case 3: return "begins_with(" + path() + ", " + value(AttributeValue.fromS(values.string())) + ")";
      case 4: return "contains(" + path() + ", " + value(values.value(0)) + ")";
      case 5: return "size(" + path() + ") " + values.pick(COMPARATORS) + " "
          + value(AttributeValue.fromN(String.valueOf(random.nextInt(4))));
      case 6: {
        // Mostly in order: an inverted range is an error, worth meeting now and then.
        String lo = values.number();
        String hi = values.number();
        if (random.nextInt(5) != 0 && new java.math.BigDecimal(lo).compareTo(new java.math.BigDecimal(hi)) > 0) {
          String t = lo;
          lo = hi;
          hi = t;
        }
        return path() + " BETWEEN " + value(AttributeValue.fromN(lo)) + " AND " + value(AttributeValue.fromN(hi));
      }
      case 7: return path() + " IN (" + value(values.value(0)) + ", " + value(values.value(0)) + ")";
      case 8:
      case 9: return path() + " " + values.pick(COMPARATORS) + " " + operand();
      case 10: return "(" + condition(depth - 1) + ") AND (" + condition(depth - 1) + ")";
      case 11: return condition(depth - 1) + " OR " + condition(depth - 1);
      default: return "NOT " + condition(depth - 1);
    }
  }

  String update() {
    Set<String> used = new LinkedHashSet<>();
    List<String> sets = new ArrayList<>();
    List<String> removes = new ArrayList<>();
    List<String> adds = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    int actions = 1 + random.nextInt(3);
    for (int i = 0; i < actions; i++) {
      String top = values.pick(RandomValues.NAMES);
      if (!used.add(top)) {
        continue;
      }
      int action = random.nextInt(8);
      String topName = name(top);
      if (action == 6) {
        adds.add(topName + " " + value(random.nextBoolean()
            ? AttributeValue.fromN(values.number()) : random.nextBoolean() ? values.stringSet() : values.numberSet()));
        continue;
      }
      if (action == 7) {
        deletes.add(topName + " " + value(random.nextBoolean() ? values.stringSet() : values.numberSet()));
        continue;
      }
      String path = topName;
      int tail = random.nextInt(5);
      if (tail == 1) {
        path += "." + name(values.pick(RandomValues.INNER));
      } else if (tail == 2) {
        path += "[" + random.nextInt(4) + "]";
      }
      switch (action) {
        case 0, 1 -> sets.add(path + " = " + value(values.value(2)));
        case 2 -> sets.add(path + " = " + path + " " + (random.nextBoolean() ? "+" : "-") + " "
            + value(AttributeValue.fromN(values.number())));
        case 3 -> sets.add(path + " = if_not_exists(" + path + ", " + value(values.value(1)) + ")");
        case 4 -> sets.add(path + " = list_append(" + (random.nextBoolean()
            ? path + ", " + value(AttributeValue.fromL(List.of(values.value(0))))
            : value(AttributeValue.fromL(List.of(values.value(0)))) + ", " + path) + ")");
        default -> removes.add(path);
      }
    }
    StringBuilder out = new StringBuilder();
    clause(out, "SET", sets);
    clause(out, "REMOVE", removes);
    clause(out, "ADD", adds);
    clause(out, "DELETE", deletes);
    return out.toString().trim();
  }

  private static void clause(StringBuilder out, String keyword, List<String> actions) {
    if (!actions.isEmpty()) {
      out.append(keyword).append(' ').append(String.join(", ", actions)).append(' ');
    }
  }

  String projection() {
    Set<String> tops = new LinkedHashSet<>();
    List<String> paths = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      String top = values.pick(RandomValues.NAMES);
      if (tops.add(top)) {
        String path = name(top);
        if (random.nextInt(3) == 0) {
          path += random.nextBoolean() ? "." + name(values.pick(RandomValues.INNER)) : "[" + random.nextInt(3) + "]";
        }
        paths.add(path);
      }
    }
    return String.join(", ", paths);
  }

  void apply(PutItemRequest.Builder b) {
    if (!names.isEmpty()) {
      b.expressionAttributeNames(names);
    }
    if (!placeholders.isEmpty()) {
      b.expressionAttributeValues(placeholders);
    }
  }

  void apply(UpdateItemRequest.Builder b) {
    if (!names.isEmpty()) {
      b.expressionAttributeNames(names);
    }
    if (!placeholders.isEmpty()) {
      b.expressionAttributeValues(placeholders);
    }
  }

  void apply(DeleteItemRequest.Builder b) {
    if (!names.isEmpty()) {
      b.expressionAttributeNames(names);
    }
    if (!placeholders.isEmpty()) {
      b.expressionAttributeValues(placeholders);
    }
  }

  void apply(GetItemRequest.Builder b) {
    if (!names.isEmpty()) {
      b.expressionAttributeNames(names);
    }
  }
}
