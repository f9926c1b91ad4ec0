package dev.streambed.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streambed.kernel.error.AwsException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemCodecTest {
  @Test
  void everyTypeRoundTrips() {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("s", AttributeValue.s("h\u00e9llo"));
    item.put("n", AttributeValue.n("-12.500"));
    item.put("b", AttributeValue.b(Bytes.copyOf(new byte[] {0, 1, (byte) 0xFF})));
    item.put("t", AttributeValue.bool(true));
    item.put("f", AttributeValue.bool(false));
    item.put("null", AttributeValue.nul());
    item.put("m", AttributeValue.m(Map.of("inner", AttributeValue.l(List.of(AttributeValue.n(1), AttributeValue.s("x"))))));
    item.put("ss", AttributeValue.ss(Set.of("a", "b")));
    item.put("ns", AttributeValue.ns(Set.of(new BigDecimal("1"), new BigDecimal("2.5"))));
    item.put("bs", AttributeValue.bs(Set.of(Bytes.copyOf(new byte[] {1}))));
    item.put("long", AttributeValue.s("x".repeat(100_000)));
    assertThat(ItemCodec.decode(ItemCodec.encode(item))).isEqualTo(item);
  }

  @Test
  void numbersAreNormalizedAndLimited() {
    assertThat(AttributeValue.n("1.50").text()).isEqualTo("1.5");
    assertThat(AttributeValue.n("1E2").text()).isEqualTo("100");
    assertThat(AttributeValue.n("-0").text()).isEqualTo("0");
    assertThatThrownBy(() -> AttributeValue.n("1".repeat(39)))
        .isInstanceOf(AwsException.class)
        .hasMessage("Attempting to store more than 38 significant digits in a Number");
    assertThatThrownBy(() -> AttributeValue.n("1E126"))
        .hasMessageStartingWith("Number overflow.");
    assertThatThrownBy(() -> AttributeValue.n("1E-131"))
        .hasMessageStartingWith("Number underflow.");
    assertThat(AttributeValue.n("9.9999999999999999999999999999999999999E+125")).isNotNull();
  }

  @Test
  void itemSizeFollowsAwsArithmetic() {
    // name "a" (1) + string "abc" (3)
    assertThat(ItemSize.of(Map.of("a", AttributeValue.s("abc")))).isEqualTo(4);
    // name (2) + number with 3 significant digits: 2 + 1
    assertThat(ItemSize.of(Map.of("id", AttributeValue.n("123")))).isEqualTo(5);
    assertThat(ItemSize.of(Map.of("x", AttributeValue.bool(true)))).isEqualTo(2);
    assertThat(ItemSize.of(Map.of("x", AttributeValue.l(List.of())))).isEqualTo(4);
  }
}
