package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.Map;

/** A parsed ProjectionExpression (or legacy AttributesToGet). */
public interface Projection {
  /** The projected copy of {@code item}: only the listed paths, nested maps and lists kept in shape. */
  Map<String, AttributeValue> apply(Map<String, AttributeValue> item);
}
