package dev.streambed.tests.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short builders of attribute values and items for request sequences. */
public final class Av {
  private Av() {}

  public static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  public static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }

  /** A binary of the given byte values (0 to 255). */
  public static AttributeValue b(int... v) {
    byte[] bytes = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      bytes[i] = (byte) v[i];
    }
    return b(bytes);
  }

  public static AttributeValue b(byte[] v) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(v));
  }

  public static AttributeValue bool(boolean v) {
    return AttributeValue.fromBool(v);
  }

  public static AttributeValue nul() {
    return AttributeValue.fromNul(true);
  }

  public static AttributeValue ss(String... v) {
    return AttributeValue.fromSs(Arrays.asList(v));
  }

  public static AttributeValue ns(String... v) {
    return AttributeValue.fromNs(Arrays.asList(v));
  }

  public static AttributeValue bs(byte[]... v) {
    List<SdkBytes> list = new ArrayList<>();
    for (byte[] b : v) {
      list.add(SdkBytes.fromByteArray(b));
    }
    return AttributeValue.fromBs(list);
  }

  public static AttributeValue l(AttributeValue... v) {
    return AttributeValue.fromL(Arrays.asList(v));
  }

  /** A map value from name, value pairs. */
  public static AttributeValue m(Object... pairs) {
    return AttributeValue.fromM(item(pairs));
  }

  /** An item (or key) from name, value pairs, in the given order. */
  public static Map<String, AttributeValue> item(Object... pairs) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
    }
    return out;
  }

  /** A string of {@code n} ASCII characters. */
  public static String chars(int n, char c) {
    return String.valueOf(c).repeat(n);
  }
}
