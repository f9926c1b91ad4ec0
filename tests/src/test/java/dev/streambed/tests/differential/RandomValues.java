package dev.streambed.tests.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Random attribute values and items over a small set of attribute names, so that random
 * requests keep meeting the attributes earlier requests wrote.
 */
final class RandomValues {
  static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");
  static final List<String> INNER = List.of("x", "y", "z");
  private static final String[] NUMBERS = {"0", "1", "-1", "2", "7", "10", "100", "1.5", "-2.25", "0.001",
      "1E+3", "12345678901234567890", "-0.5", "3.14159", "99", "1e-5"};
  private static final String[] STRINGS = {"", "a", "b", "ab", "abc", "b1", "x y", "ü", "A", "z", "aa"};

  private final Random random;

  RandomValues(Random random) {
    this.random = random;
  }

  Random random() {
    return random;
  }

  <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  String number() {
    return NUMBERS[random.nextInt(NUMBERS.length)];
  }

  String string() {
    return STRINGS[random.nextInt(STRINGS.length)];
  }

  byte[] bytes() {
    byte[] b = new byte[random.nextInt(4)];
    random.nextBytes(b);
    return b;
  }

  /** A value of any type, with lists and maps nested at most {@code depth} levels. */
  AttributeValue value(int depth) {
    int kind = random.nextInt(depth > 0 ? 11 : 9);
    switch (kind) {
      case 0: return AttributeValue.fromS(string());
      case 1: return AttributeValue.fromN(number());
      case 2: return AttributeValue.fromB(SdkBytes.fromByteArray(bytes()));
      case 3: return AttributeValue.fromBool(random.nextBoolean());
      case 4: return AttributeValue.fromNul(true);
      case 5: return stringSet();
      case 6: return numberSet();
      case 7: return binarySet();
      case 8: return AttributeValue.fromS(string());
      case 9: {
        List<AttributeValue> l = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          l.add(value(depth - 1));
        }
        return AttributeValue.fromL(l);
      }
      default: {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          m.put(pick(INNER), value(depth - 1));
        }
        return AttributeValue.fromM(m);
      }
    }
  }

  AttributeValue stringSet() {
    Set<String> s = new LinkedHashSet<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      String v = string();
      s.add(v.isEmpty() ? "e" : v);
    }
    return AttributeValue.fromSs(new ArrayList<>(s));
  }

  AttributeValue numberSet() {
    Map<java.math.BigDecimal, String> byValue = new LinkedHashMap<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      String v = number();
      byValue.putIfAbsent(new java.math.BigDecimal(v).stripTrailingZeros(), v);
    }
    return AttributeValue.fromNs(new ArrayList<>(byValue.values()));
  }

  AttributeValue binarySet() {
    Map<String, SdkBytes> distinct = new LinkedHashMap<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[1 + random.nextInt(2)];
      random.nextBytes(b);
      distinct.putIfAbsent(java.util.Arrays.toString(b), SdkBytes.fromByteArray(b));
    }
    return AttributeValue.fromBs(new ArrayList<>(distinct.values()));
  }

  /** An item under the given key with a random subset of {@link #NAMES}. */
  Map<String, AttributeValue> item(String hashName, AttributeValue hash) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(hashName, hash);
    for (String name : NAMES) {
      if (random.nextInt(3) != 0) {
        item.put(name, value(2));
      }
    }
    return item;
  }
}
