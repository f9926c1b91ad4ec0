package dev.streambed.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ItemSizeTest {
  private static long size(String number) {
    return ItemSize.numberSize(new BigDecimal(number).stripTrailingZeros());
  }

  @Test
  void numbersTakeOneBytePerDigitPairAlignedOnTheDecimalPointPlusOne() {
    assertThat(size("0")).isEqualTo(1);
    assertThat(size("7")).isEqualTo(2);
    assertThat(size("15")).isEqualTo(2);
    assertThat(size("100")).isEqualTo(2);
    assertThat(size("123")).isEqualTo(3);
    // 1.5 is stored as the pairs 01 and 50.
    assertThat(size("1.5")).isEqualTo(3);
    assertThat(size("0.5")).isEqualTo(2);
    assertThat(size("0.05")).isEqualTo(2);
    assertThat(size("12.5")).isEqualTo(3);
    assertThat(size("1.25")).isEqualTo(3);
    assertThat(size("-15")).isEqualTo(3);
    assertThat(size("12345678901234567890123456789012345678")).isEqualTo(20);
  }
}
