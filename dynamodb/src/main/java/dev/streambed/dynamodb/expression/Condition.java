package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.Map;
import java.util.Set;

/** A parsed condition (ConditionExpression, FilterExpression, or legacy Expected). */
public interface Condition {
  /** Whether the item (null when there is none) satisfies the condition. */
  boolean test(Map<String, AttributeValue> item);

  /** The top-level attribute names the condition reads (empty when it does not say). */
  default Set<String> attributeNames() {
    return Set.of();
  }
}
