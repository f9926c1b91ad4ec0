package dev.streambed.kernel.value;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import java.math.BigDecimal;

/** DynamoDB's number rules: 38 significant digits, magnitudes between 1E-130 and 1E+126. */
public final class Numbers {
  /** Smallest positive magnitude DynamoDB stores. */
  private static final int MIN_EXPONENT = -130;
  /** Largest magnitude is below 1E+126. */
  private static final int MAX_EXPONENT = 125;
  private static final int MAX_DIGITS = 38;

  private Numbers() {}

  /**
   * Parses the text of an N value, enforcing DynamoDB's precision and range and raising the
   * ValidationException AWS raises otherwise.
   */
  public static BigDecimal parse(String text) {
    BigDecimal value;
    try {
      // No trimming: " 1" is not a number to DynamoDB.
      value = new BigDecimal(text);
    } catch (NumberFormatException | NullPointerException e) {
      throw new AwsException(CommonError.VALIDATION,
          "A value provided cannot be converted into a number");
    }
    return check(value);
  }

  /** Checks a computed number (for example the result of SET a = a + :v) against DynamoDB's limits. */
  public static BigDecimal check(BigDecimal value) {
    BigDecimal n = normalize(value);
    if (n.signum() == 0) {
      return n;
    }
    if (n.precision() > MAX_DIGITS) {
      throw new AwsException(CommonError.VALIDATION,
          "Attempting to store more than 38 significant digits in a Number");
    }
    int exponent = n.precision() - n.scale() - 1;
    if (exponent > MAX_EXPONENT) {
      throw new AwsException(CommonError.VALIDATION,
          "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }
    if (exponent < MIN_EXPONENT) {
      throw new AwsException(CommonError.VALIDATION,
          "Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }
    return n;
  }

  /** Strips trailing zeros so that numerically equal values are equal objects. */
  public static BigDecimal normalize(BigDecimal value) {
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return value.stripTrailingZeros();
  }

  /** The text DynamoDB returns for a stored number: plain notation, no trailing zeros. */
  public static String format(BigDecimal value) {
    return value.toPlainString();
  }

  /** The exponent of the most significant digit (1E2 has exponent 2). */
  public static int exponent(BigDecimal normalized) {
    return normalized.precision() - normalized.scale() - 1;
  }
}
