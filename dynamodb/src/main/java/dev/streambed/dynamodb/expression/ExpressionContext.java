package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.Map;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all of its
 * expressions, recording which of them the expressions used so that unused ones are refused as
 * AWS refuses them.
 */
public final class ExpressionContext {
  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;

  /** Either map may be null (the request did not carry it). */
  public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
    this.names = names;
    this.values = values;
  }

  public Map<String, String> names() {
    return names;
  }

  public Map<String, AttributeValue> values() {
    return values;
  }

  /**
   * Throws AWS's ValidationException when a name or value was supplied but used by no
   * expression of the request. Call after every expression of the request was parsed.
   */
  public void checkAllUsed() {
    throw new UnsupportedOperationException("to be written");
  }
}
