package dev.streambed.dynamodb.expression;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.Bytes;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Short builders of values and items for the expression tests. */
final class TestValues {
  private TestValues() {}

  static AttributeValue s(String s) {
    return AttributeValue.s(s);
  }

  static AttributeValue n(String n) {
    return AttributeValue.n(n);
  }

  static AttributeValue b(int... bytes) {
    byte[] array = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      array[i] = (byte) bytes[i];
    }
    return AttributeValue.b(Bytes.wrap(array));
  }

  static AttributeValue l(AttributeValue... values) {
    return AttributeValue.l(Arrays.asList(values));
  }

  static AttributeValue ss(String... values) {
    return AttributeValue.ss(new LinkedHashSet<>(Arrays.asList(values)));
  }

  static AttributeValue ns(String... values) {
    LinkedHashSet<BigDecimal> set = new LinkedHashSet<>();
    for (String v : values) {
      set.add(new BigDecimal(v));
    }
    return AttributeValue.ns(set);
  }

  /** A map (or item) from alternating names and values. */
  static Map<String, AttributeValue> item(Object... kv) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put((String) kv[i], (AttributeValue) kv[i + 1]);
    }
    return map;
  }

  static AttributeValue m(Object... kv) {
    return AttributeValue.m(item(kv));
  }

  static Map<String, String> names(String... kv) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put(kv[i], kv[i + 1]);
    }
    return map;
  }

  static void assertValidation(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(AwsException.class)
        .hasMessage(message)
        .satisfies(e -> org.assertj.core.api.Assertions
            .assertThat(((AwsException) e).errorCode()).isEqualTo(CommonError.VALIDATION));
  }

  static List<AttributeValue> list(AttributeValue... values) {
    return Arrays.asList(values);
  }
}
