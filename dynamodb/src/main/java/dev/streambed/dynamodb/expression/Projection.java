package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.Map;

/** A parsed ProjectionExpression (or legacy AttributesToGet). */
public interface Projection {
  /** The projected copy of {@code item}: only the listed paths, nested maps and lists kept in shape. */
  Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

  /** The top-level attribute names the projection keeps, in the order of the request. */
  default java.util.List<String> topLevelNames() {
    return java.util.List.of();
  }
}
