package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.Bytes;
import java.math.BigDecimal;

/** DynamoDB's comparisons and functions on attribute values. */
final class Values {
  private Values() {}

  /**
   * Orders two values of one scalar type: numbers numerically, strings by their UTF-8 bytes
   * (which is code point order), binaries as unsigned bytes. Callers check the types first.
   */
  static int compare(AttributeValue a, AttributeValue b) {
    if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
      return x.value().compareTo(y.value());
    }
    if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
      return compareCodePoints(x.value(), y.value());
    }
    if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
      return x.value().compareTo(y.value());
    }
    throw new IllegalArgumentException("not comparable: " + a.type() + " and " + b.type());
  }

  /** Whether {@code <}, {@code >} and BETWEEN apply: both present, of one type among N, S, B. */
  static boolean comparable(AttributeValue a, AttributeValue b) {
    return a != null && b != null && a.type() == b.type()
        && (a instanceof AttributeValue.N || a instanceof AttributeValue.S
            || a instanceof AttributeValue.B);
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
    if (value instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
      return s.value().startsWith(p.value());
    }
    if (value instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
      return b.value().startsWith(p.value());
    }
    return false;
  }

  /**
   * contains(): a substring of a string, a subsequence of a binary, a member of a set, or an
   * element of a list.
   */
  static boolean contains(AttributeValue value, AttributeValue operand) {
    if (value == null || operand == null) {
      return false;
    }
    if (value instanceof AttributeValue.S s) {
      return operand instanceof AttributeValue.S o && s.value().contains(o.value());
    }
    if (value instanceof AttributeValue.B b) {
      return operand instanceof AttributeValue.B o && b.value().contains(o.value());
    }
    if (value instanceof AttributeValue.SS ss) {
      return operand instanceof AttributeValue.S o && ss.value().contains(o.value());
    }
    if (value instanceof AttributeValue.NS ns) {
      return operand instanceof AttributeValue.N o && ns.value().contains(o.value());
    }
    if (value instanceof AttributeValue.BS bs) {
      return operand instanceof AttributeValue.B o && bs.value().contains(o.value());
    }
    if (value instanceof AttributeValue.L l) {
      return l.value().contains(operand);
    }
    return false;
  }

  /**
   * size(): the length of a string or binary, the number of elements of a set, list or map;
   * null for types that have no size.
   */
  static AttributeValue size(AttributeValue value) {
    long size;
    if (value instanceof AttributeValue.S s) {
      size = s.value().codePointCount(0, s.value().length());
    } else if (value instanceof AttributeValue.B b) {
      size = b.value().length();
    } else if (value instanceof AttributeValue.SS ss) {
      size = ss.value().size();
    } else if (value instanceof AttributeValue.NS ns) {
      size = ns.value().size();
    } else if (value instanceof AttributeValue.BS bs) {
      size = bs.value().size();
    } else if (value instanceof AttributeValue.L l) {
      size = l.value().size();
    } else if (value instanceof AttributeValue.M m) {
      size = m.value().size();
    } else {
      return null;
    }
    return AttributeValue.n(size);
  }

  static boolean isSet(AttributeValue value) {
    return value instanceof AttributeValue.SS || value instanceof AttributeValue.NS
        || value instanceof AttributeValue.BS;
  }

  static BigDecimal number(AttributeValue value) {
    return ((AttributeValue.N) value).value();
  }

  static Bytes bytes(AttributeValue value) {
    return ((AttributeValue.B) value).value();
  }
}
