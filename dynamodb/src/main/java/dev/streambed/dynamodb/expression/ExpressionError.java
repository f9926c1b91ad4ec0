package dev.streambed.dynamodb.expression;

/**
 * A problem found while parsing an expression, carrying DynamoDB's message without its
 * "Invalid &lt;Parameter&gt;: " prefix, which {@link Expressions} adds for the parameter at hand.
 */
final class ExpressionError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ExpressionError(String message) {
    super(message, null, false, false);
  }
}
