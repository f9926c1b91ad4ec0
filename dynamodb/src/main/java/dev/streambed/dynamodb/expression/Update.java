package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.List;
import java.util.Map;

/** A parsed UpdateExpression (or legacy AttributeUpdates). */
public interface Update {
  /**
   * Applies the update to a copy of {@code item} (empty when there is none) and returns the new
   * item; throws AWS's ValidationException for an operand of the wrong type, a path that does
   * not exist where one must, and so on. {@code item} itself is not changed.
   */
  Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

  /** The top-level attribute names the update sets or removes (to refuse changes to key attributes). */
  List<String> topLevelNames();

  /**
   * The part of {@code item} that the update's paths address, as a projection of those paths
   * (used for ReturnValues UPDATED_OLD and UPDATED_NEW).
   */
  Map<String, AttributeValue> updatedPart(Map<String, AttributeValue> item);
}
