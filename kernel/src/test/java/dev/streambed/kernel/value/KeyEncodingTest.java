package dev.streambed.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyEncodingTest {
  private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

  @Test
  void numbersSortNumerically() {
    Random random = new Random(42);
    List<BigDecimal> numbers = new ArrayList<>(List.of(
        new BigDecimal("0"), new BigDecimal("-0.0001"), new BigDecimal("1E+125"),
        new BigDecimal("-1E+125"), new BigDecimal("1E-130"), new BigDecimal("-1E-130"),
        new BigDecimal("10"), new BigDecimal("9.99"), new BigDecimal("100"), new BigDecimal("-10"),
        new BigDecimal("-9.99"), new BigDecimal("1.5"), new BigDecimal("1.05")));
    for (int i = 0; i < 2000; i++) {
      BigDecimal d = BigDecimal.valueOf(random.nextLong() % 100000, random.nextInt(20) - 10);
      numbers.add(d);
    }
    List<BigDecimal> byValue = new ArrayList<>(numbers);
    byValue.sort(Comparator.naturalOrder());
    List<BigDecimal> byEncoding = new ArrayList<>(numbers);
    byEncoding.sort((a, b) -> UNSIGNED.compare(
        KeyEncoding.encode(AttributeValue.n(a)), KeyEncoding.encode(AttributeValue.n(b))));
    for (int i = 0; i < byValue.size(); i++) {
      assertThat(byEncoding.get(i).compareTo(byValue.get(i))).as("position %d", i).isZero();
    }
  }

  @Test
  void equalNumbersEncodeEqually() {
    assertThat(KeyEncoding.encode(AttributeValue.n("1.50")))
        .isEqualTo(KeyEncoding.encode(AttributeValue.n("1.5")));
    assertThat(KeyEncoding.encode(AttributeValue.n("100")))
        .isEqualTo(KeyEncoding.encode(AttributeValue.n("1E2")));
  }

  @Test
  void stringsSortByUtf8BytesAndComposeAsPrefixes() {
    List<String> strings = new ArrayList<>(List.of("", "a", "a\u0000", "a\u0000b", "ab", "b", "\u00e9", "\uffff", "z", "\ud83d\ude00"));
    List<String> byBytes = new ArrayList<>(strings);
    byBytes.sort((x, y) -> UNSIGNED.compare(x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        y.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    List<String> byEncoding = new ArrayList<>(strings);
    byEncoding.sort((x, y) -> UNSIGNED.compare(
        KeyEncoding.encode(AttributeValue.s(x)), KeyEncoding.encode(AttributeValue.s(y))));
    assertThat(byEncoding).isEqualTo(byBytes);
    // A partition key followed by a sort key stays grouped by partition key.
    byte[] aThenZ = concat(KeyEncoding.encode(AttributeValue.s("a")), KeyEncoding.encode(AttributeValue.s("z")));
    byte[] abThenA = concat(KeyEncoding.encode(AttributeValue.s("ab")), KeyEncoding.encode(AttributeValue.s("a")));
    assertThat(UNSIGNED.compare(aThenZ, abThenA)).isNegative();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
