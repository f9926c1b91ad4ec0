package dev.streambed.dynamodb.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Parsing of DynamoDB's expression language and its legacy parameters, with AWS's validation
 * and messages. Each parse records in the context which names and values it used.
 */
public final class Expressions {
  private Expressions() {}

  /**
   * Parses a condition. {@code parameter} is the request parameter it came from
   * ("ConditionExpression", "FilterExpression"), used in AWS's messages
   * ("Invalid ConditionExpression: ...").
   */
  public static Condition condition(String text, String parameter, ExpressionContext context) {
    throw new UnsupportedOperationException("to be written");
  }

  public static Update update(String text, ExpressionContext context) {
    throw new UnsupportedOperationException("to be written");
  }

  public static Projection projection(String text, ExpressionContext context) {
    throw new UnsupportedOperationException("to be written");
  }

  /** The legacy {@code Expected} parameter with its {@code ConditionalOperator} (may be null). */
  public static Condition expected(JsonNode expected, String conditionalOperator) {
    throw new UnsupportedOperationException("to be written");
  }

  /** The legacy {@code AttributeUpdates} parameter of UpdateItem. */
  public static Update attributeUpdates(JsonNode attributeUpdates) {
    throw new UnsupportedOperationException("to be written");
  }

  /** The legacy {@code AttributesToGet} parameter. */
  public static Projection attributesToGet(List<String> names) {
    throw new UnsupportedOperationException("to be written");
  }
}
