package dev.streambed.console.items;

import dev.streambed.console.web.Exchange;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter rows of a scan or query (attribute, condition, type, value), turned into a
 * FilterExpression with placeholders for every name and value and parsed by DynamoDB's own
 * expression parser, so a filter means what it would mean in a Scan request.
 */
final class ItemFilters {
  static final List<String[]> CONDITIONS = List.of(new String[] {"=", "Equal to"},
      new String[] {"<>", "Not equal to"}, new String[] {"<", "Less than"}, new String[] {"<=", "Less than or equal to"},
      new String[] {">", "Greater than"}, new String[] {">=", "Greater than or equal to"},
      new String[] {"begins_with", "Begins with"}, new String[] {"contains", "Contains"},
      new String[] {"exists", "Exists"}, new String[] {"not_exists", "Not exists"});
  static final List<String> VALUE_TYPES = List.of("S", "N", "BOOL");

  /** One row of the filter form. */
  record Filter(String attribute, String condition, String type, String value) {}

  private ItemFilters() {}

  static List<Filter> read(Exchange x, int count) {
    List<Filter> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Filter(blank(x.value("fa." + i)), or(x.value("fc." + i), "="), or(x.value("ft." + i), "S"),
          x.param("fv." + i) == null ? "" : x.param("fv." + i)));
    }
    return out;
  }

  /** The FilterExpression of the rows that name an attribute, or null when none does. */
  static Condition condition(List<Filter> filters) {
    List<String> terms = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    int i = 0;
    for (Filter f : filters) {
      if (f.attribute() == null) {
        continue;
      }
      String n = "#f" + i;
      String v = ":f" + i;
      names.put(n, f.attribute());
      i++;
      switch (f.condition()) {
        case "exists" -> terms.add("attribute_exists(" + n + ")");
        case "not_exists" -> terms.add("attribute_not_exists(" + n + ")");
        case "begins_with", "contains" -> {
          terms.add(f.condition() + "(" + n + ", " + v + ")");
          values.put(v, value(f));
        }
        case "=", "<>", "<", "<=", ">", ">=" -> {
          terms.add(n + " " + f.condition() + " " + v);
          values.put(v, value(f));
        }
        default -> throw ItemJson.invalid("Unknown filter condition " + f.condition() + ".");
      }
    }
    if (terms.isEmpty()) {
      return null;
    }
    return Expressions.condition(String.join(" AND ", terms), "FilterExpression",
        new ExpressionContext(names, values.isEmpty() ? null : values));
  }

  private static AttributeValue value(Filter f) {
    return AttributeRows.value(new AttributeRows.Row(f.attribute(), VALUE_TYPES.contains(f.type()) ? f.type() : "S",
        f.value()));
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String or(String s, String otherwise) {
    return s == null ? otherwise : s;
  }
}
