package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.Map;

/** A parsed condition (ConditionExpression, FilterExpression, or legacy Expected). */
public interface Condition {
  /** Whether the item (null when there is none) satisfies the condition. */
  boolean test(Map<String, AttributeValue> item);
}
