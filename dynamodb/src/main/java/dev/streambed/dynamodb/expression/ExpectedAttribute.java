package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.List;

/**
 * One entry of a legacy condition parameter: {@code Expected} (all fields), or
 * {@code QueryFilter}, {@code ScanFilter} and {@code KeyConditions} (no {@code exists}, no
 * {@code value}). Absent fields are null.
 */
public record ExpectedAttribute(
    String name,
    Boolean exists,
    AttributeValue value,
    String comparisonOperator,
    List<AttributeValue> attributeValueList) {

  /** A filter or key condition: {@code name comparisonOperator attributeValueList}. */
  public static ExpectedAttribute filter(
      String name, String comparisonOperator, List<AttributeValue> attributeValueList) {
    return new ExpectedAttribute(name, null, null, comparisonOperator, attributeValueList);
  }
}
