package dev.streambed.console.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streambed.console.web.Exchange;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attribute editor's rows: a name, a DynamoDB type and a value as text. Strings, numbers
 * and binaries (base64) are written as they are, booleans as true or false, sets as JSON arrays
 * of their members, maps and lists in DynamoDB JSON. Rows become values through the API's own
 * decoder, so a number DynamoDB would refuse is refused here in DynamoDB's words.
 */
public final class AttributeRows {
  public static final List<String> TYPES = List.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

  /** One row of the editor. */
  public record Row(String name, String type, String value) {}

  private AttributeRows() {}

  /** The rows of an item, in its attribute order. */
  public static List<Row> of(Map<String, AttributeValue> item) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      rows.add(row(e.getKey(), e.getValue()));
    }
    return rows;
  }

  public static Row row(String name, AttributeValue value) {
    JsonNode typed = ItemJson.tree(ItemJson.write(value));
    String type = typed.fieldNames().next();
    JsonNode v = typed.get(type);
    String text;
    if (type.equals("NULL")) {
      text = "";
    } else if (v.isTextual()) {
      text = v.textValue();
    } else if (v.isBoolean()) {
      text = Boolean.toString(v.booleanValue());
    } else {
      text = v.toPrettyString();
    }
    return new Row(name, type, text);
  }

  /** The rows a submitted form carries ({@code name.N}, {@code type.N}, {@code value.N}). */
  public static List<Row> read(Exchange x) {
    List<Row> rows = new ArrayList<>();
    int count = Math.min(parse(x.param("rows")), 500);
    for (int i = 0; i < count; i++) {
      String name = x.param("name." + i);
      String type = x.param("type." + i);
      String value = x.param("value." + i);
      if (name == null) {
        continue;
      }
      rows.add(new Row(name, type == null ? "S" : type, value == null ? "" : value));
    }
    return rows;
  }

  /** The item the rows make; rows without a name are left out. */
  public static Map<String, AttributeValue> item(List<Row> rows) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.name().isEmpty()) {
        continue;
      }
      if (item.containsKey(r.name())) {
        throw ItemJson.invalid("The item has two attributes named " + r.name() + ".");
      }
      item.put(r.name(), value(r));
    }
    return item;
  }

  /** A row's value, read as the API reads {@code {"TYPE": value}}. */
  public static AttributeValue value(Row r) {
    if (!TYPES.contains(r.type())) {
      throw ItemJson.invalid("Unknown attribute type " + r.type() + " for " + r.name() + ".");
    }
    ObjectNode typed = JsonNodeFactory.instance.objectNode();
    String text = r.value();
    switch (r.type()) {
      case "S", "N", "B" -> typed.put(r.type(), text);
      case "BOOL" -> {
        String t = text.strip();
        if (!t.equals("true") && !t.equals("false")) {
          throw ItemJson.invalid("The value of " + r.name() + " (BOOL) must be true or false.");
        }
        typed.put("BOOL", Boolean.parseBoolean(t));
      }
      case "NULL" -> typed.put("NULL", true);
      default -> {
        JsonNode parsed = ItemJson.tree(text.isBlank() ? "null" : text);
        boolean wantsObject = r.type().equals("M");
        if (wantsObject ? !parsed.isObject() : !parsed.isArray()) {
          throw ItemJson.invalid("The value of " + r.name() + " (" + r.type() + ") must be a JSON "
              + (wantsObject ? "object of typed values, such as {\"a\": {\"S\": \"x\"}}"
                  : r.type().equals("L") ? "array of typed values, such as [{\"S\": \"x\"}]"
                  : "array of its members, such as [\"a\", \"b\"]") + ".");
        }
        typed.set(r.type(), parsed);
      }
    }
    return AttributeValueJson.decode(typed);
  }

  private static int parse(String n) {
    try {
      return n == null ? 0 : Math.max(0, Integer.parseInt(n));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
