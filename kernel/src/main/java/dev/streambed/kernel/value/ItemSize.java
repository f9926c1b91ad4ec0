package dev.streambed.kernel.value;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.util.Map;

/**
 * DynamoDB's item-size arithmetic, used for the 400 KB item limit, capacity units and the
 * stream record's SizeBytes. Per AWS: names and strings count their UTF-8 bytes, a number one
 * byte per pair of significant digits (paired from the decimal point) plus one, binary its length, BOOL and NULL one byte, and a
 * list or map three bytes of overhead plus one byte per element besides the elements themselves.
 */
public final class ItemSize {
  private ItemSize() {}

  public static long of(Map<String, AttributeValue> item) {
    long size = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      size += utf8Length(e.getKey()) + of(e.getValue());
    }
    return size;
  }

  public static long of(AttributeValue value) {
    if (value instanceof AttributeValue.S s) {
      return utf8Length(s.value());
    } else if (value instanceof AttributeValue.N n) {
      return numberSize(n.value());
    } else if (value instanceof AttributeValue.B b) {
      return b.value().length();
    } else if (value instanceof AttributeValue.Bool || value instanceof AttributeValue.Null) {
      return 1;
    } else if (value instanceof AttributeValue.M m) {
      long size = 3;
      for (Map.Entry<String, AttributeValue> e : m.value().entrySet()) {
        size += utf8Length(e.getKey()) + of(e.getValue()) + 1;
      }
      return size;
    } else if (value instanceof AttributeValue.L l) {
      long size = 3;
      for (AttributeValue v : l.value()) {
        size += of(v) + 1;
      }
      return size;
    } else if (value instanceof AttributeValue.SS ss) {
      long size = 0;
      for (String s : ss.value()) {
        size += utf8Length(s);
      }
      return size;
    } else if (value instanceof AttributeValue.NS ns) {
      long size = 0;
      for (BigDecimal d : ns.value()) {
        size += numberSize(d);
      }
      return size;
    } else if (value instanceof AttributeValue.BS bs) {
      long size = 0;
      for (Bytes b : bs.value()) {
        size += b.length();
      }
      return size;
    }
    throw new IllegalArgumentException("unknown value " + value);
  }

  /**
   * DynamoDB stores a number's significant digits in base-100 pairs aligned on the decimal
   * point, plus one byte of exponent (and one more for a negative number): 15 takes one pair,
   * 1.5 two ("01" and "50"), so 1.5 is one byte larger than 15.
   */
  static long numberSize(BigDecimal normalized) {
    if (normalized.signum() == 0) {
      // Zero has no digits: only the exponent byte (DynamoDB Local sizes it so).
      return 1;
    }
    int high = normalized.precision() - normalized.scale() - 1;
    int low = -normalized.scale();
    int pairs = Math.floorDiv(high, 2) - Math.floorDiv(low, 2) + 1;
    return pairs + 1 + (normalized.signum() < 0 ? 1 : 0);
  }

  public static int utf8Length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c)) {
          bytes += 2;
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  /** Convenience for tests and callers holding bytes already. */
  static int utf8(String s) {
    return s.getBytes(UTF_8).length;
  }
}
