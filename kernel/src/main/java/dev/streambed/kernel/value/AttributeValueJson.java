package dev.streambed.kernel.value;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of attribute values, as DynamoDB's wire and the stream record carry it:
 * {@code {"S": "x"}}, {@code {"N": "1"}}, {@code {"B": "base64"}}, {@code {"M": {...}}}, ...
 *
 * <p>Decoding checks the structure as DynamoDB does and raises its errors: exactly one type per
 * value, no empty sets, no duplicate set members, NULL only as true, numbers within limits.
 */
public final class AttributeValueJson {
  private static final String INVALID = "One or more parameter values were invalid: ";

  private AttributeValueJson() {}

  /** Decodes an item (a map of attribute names to values); null or JSON null gives null. */
  public static Map<String, AttributeValue> decodeItem(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node);
    LinkedHashMap<String, AttributeValue> item = new LinkedHashMap<>(node.size() * 2);
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      item.put(name(f.getKey()), decode(f.getValue(), 1));
    }
    return item;
  }

  public static AttributeValue decode(JsonNode node) {
    return decode(node, 1);
  }

  /**
   * DynamoDB stores documents nested at most 32 levels deep: a top-level value is level 1, and
   * each list or map adds one.
   */
  private static final int MAX_DEPTH = 32;

  private static AttributeValue decode(JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      throw AwsException.validation("Nesting Levels have exceeded supported limits: Attributes in "
          + "the item have nested levels beyond supported limit");
    }
    if (node == null || node.isNull()) {
      throw AwsException.validation(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    requireObject(node);
    AttributeValue result = null;
    int types = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode v = f.getValue();
      if (v == null || v.isNull()) {
        continue;
      }
      AttributeType type = AttributeType.fromWire(f.getKey());
      if (type == null) {
        continue;
      }
      types++;
      result = decodeTyped(type, v, depth);
    }
    if (types == 0) {
      throw AwsException.validation(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    if (types > 1) {
      throw AwsException.validation("Supplied AttributeValue has more than one datatypes set, "
          + "must contain exactly one of the supported datatypes");
    }
    return result;
  }

  /** An attribute name, which may not be empty at any level of an item. */
  private static String name(String name) {
    if (name.isEmpty()) {
      throw AwsException.validation("Empty attribute name");
    }
    return name;
  }

  private static AttributeValue decodeTyped(AttributeType type, JsonNode v, int depth) {
    switch (type) {
      case S:
        return new AttributeValue.S(text(v, "String"));
      case N:
        return new AttributeValue.N(Numbers.parse(text(v, "String")));
      case B:
        return new AttributeValue.B(binary(v));
      case BOOL:
        return AttributeValue.bool(bool(v));
      case NULL:
        if (!bool(v)) {
          throw AwsException.validation(INVALID + "Null attribute value types must have the value of true");
        }
        return AttributeValue.nul();
      case M: {
        requireObject(v);
        LinkedHashMap<String, AttributeValue> m = new LinkedHashMap<>(v.size() * 2);
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          m.put(name(e.getKey()), decode(e.getValue(), depth + 1));
        }
        return AttributeValue.m(m);
      }
      case L: {
        requireArray(v);
        List<AttributeValue> l = new ArrayList<>(v.size());
        for (JsonNode e : v) {
          l.add(decode(e, depth + 1));
        }
        return AttributeValue.l(l);
      }
      case SS: {
        requireArray(v);
        if (v.isEmpty()) {
          throw AwsException.validation(INVALID + "An string set  may not be empty");
        }
        Set<String> s = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (JsonNode e : v) {
          String t = text(e, "String");
          all.add(t);
          s.add(t);
        }
        duplicates(all, s.size());
        return AttributeValue.ss(s);
      }
      case NS: {
        requireArray(v);
        if (v.isEmpty()) {
          throw AwsException.validation(INVALID + "An number set  may not be empty");
        }
        Set<BigDecimal> s = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (JsonNode e : v) {
          String t = text(e, "String");
          all.add(t);
          s.add(Numbers.parse(t));
        }
        if (s.size() != all.size()) {
          throw AwsException.validation("Input collection contains duplicates");
        }
        return new AttributeValue.NS(java.util.Collections.unmodifiableSet(s));
      }
      case BS: {
        requireArray(v);
        if (v.isEmpty()) {
          throw AwsException.validation(INVALID + "Binary sets should not be empty");
        }
        Set<Bytes> s = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (JsonNode e : v) {
          Bytes b = binary(e);
          all.add(e.textValue());
          s.add(b);
        }
        if (s.size() != all.size()) {
          // Sic: AWS writes no space before "of type BS".
          throw AwsException.validation(INVALID + "Input collection " + all
              + "of type BS contains duplicates.");
        }
        return AttributeValue.bs(s);
      }
      default:
        throw new IllegalStateException(type.name());
    }
  }

  /** Duplicate members of a string set, in AWS's words (number and binary sets have their own). */
  private static void duplicates(List<String> all, int distinct) {
    if (distinct != all.size()) {
      throw AwsException.validation(INVALID + "Input collection " + all + " contains duplicates.");
    }
  }

  private static String text(JsonNode v, String expected) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    throw serialization(v, expected);
  }

  private static boolean bool(JsonNode v) {
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual() && (v.textValue().equals("true") || v.textValue().equals("false"))) {
      return Boolean.parseBoolean(v.textValue());
    }
    throw serialization(v, "Boolean");
  }

  private static Bytes binary(JsonNode v) {
    if (!v.isTextual()) {
      throw serialization(v, "Blob");
    }
    try {
      // Base64 of DynamoDB's wire is padded: a length that is not a multiple of 4 is refused,
      // where a lenient decoder would have guessed the missing padding.
      if (v.textValue().length() % 4 != 0) {
        throw new IllegalArgumentException("unpadded");
      }
      return Bytes.fromBase64(v.textValue());
    } catch (IllegalArgumentException e) {
      throw new AwsException(CommonError.SERIALIZATION, "Base64 encoded length is expected a multiple of 4 bytes but found: "
          + v.textValue().length());
    }
  }

  private static void requireObject(JsonNode v) {
    if (!v.isObject()) {
      throw v.isArray()
          ? new AwsException(CommonError.SERIALIZATION, "Start of list found where not expected")
          : serialization(v, "Structure");
    }
  }

  private static void requireArray(JsonNode v) {
    if (!v.isArray()) {
      throw v.isObject()
          ? new AwsException(CommonError.SERIALIZATION, "Start of structure or map found where not expected.")
          : new AwsException(CommonError.SERIALIZATION, "Unexpected value type in payload");
    }
  }

  /** AWS's JSON decoder's wording for a value of the wrong JSON type. */
  public static AwsException serialization(JsonNode v, String expected) {
    if (v.isObject()) {
      return new AwsException(CommonError.SERIALIZATION, "Start of structure or map found where not expected.");
    }
    if (v.isArray()) {
      return new AwsException(CommonError.SERIALIZATION, "Start of list found where not expected");
    }
    String kind = v.isNumber() ? "NUMBER_VALUE" : v.isBoolean() ? "BOOLEAN_VALUE" : "STRING_VALUE";
    return new AwsException(CommonError.SERIALIZATION, kind + " can not be converted to " + expected);
  }

  public static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      g.writeFieldName(e.getKey());
      write(g, e.getValue());
    }
    g.writeEndObject();
  }

  public static void write(JsonGenerator g, AttributeValue value) throws IOException {
    g.writeStartObject();
    if (value instanceof AttributeValue.S s) {
      g.writeStringField("S", s.value());
    } else if (value instanceof AttributeValue.N n) {
      g.writeStringField("N", n.text());
    } else if (value instanceof AttributeValue.B b) {
      g.writeFieldName("B");
      g.writeBinary(b.value().unsafeArray());
    } else if (value instanceof AttributeValue.Bool b) {
      g.writeBooleanField("BOOL", b.value());
    } else if (value instanceof AttributeValue.Null) {
      g.writeBooleanField("NULL", true);
    } else if (value instanceof AttributeValue.M m) {
      g.writeFieldName("M");
      writeItem(g, m.value());
    } else if (value instanceof AttributeValue.L l) {
      g.writeArrayFieldStart("L");
      for (AttributeValue v : l.value()) {
        write(g, v);
      }
      g.writeEndArray();
    } else if (value instanceof AttributeValue.SS ss) {
      g.writeArrayFieldStart("SS");
      for (String s : ss.value()) {
        g.writeString(s);
      }
      g.writeEndArray();
    } else if (value instanceof AttributeValue.NS ns) {
      g.writeArrayFieldStart("NS");
      for (BigDecimal d : ns.value()) {
        g.writeString(Numbers.format(d));
      }
      g.writeEndArray();
    } else if (value instanceof AttributeValue.BS bs) {
      g.writeArrayFieldStart("BS");
      for (Bytes b : bs.value()) {
        g.writeBinary(b.unsafeArray());
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }
}
