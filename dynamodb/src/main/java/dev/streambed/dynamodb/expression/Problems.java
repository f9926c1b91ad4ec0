package dev.streambed.dynamodb.expression;

/**
 * The semantic problems found in one expression, of which DynamoDB reports only one. It checks
 * in phases (redundant parentheses; then names, functions and list indexes as written; then
 * section repetition; then overlapping paths; then undefined names of update targets; then
 * operand types, arities and placeholders), and within a phase reports the problem that comes
 * first in its checking order. A problem is kept when its (phase, order) is the smallest so far.
 */
final class Problems {
  static final int PARENTHESES = 0;
  static final int LEXICAL = 1;
  static final int SECTION = 2;
  static final int OVERLAP = 3;
  static final int TARGET_NAMES = 4;
  static final int SEMANTIC = 5;

  private int phase = Integer.MAX_VALUE;
  private long order = Long.MAX_VALUE;
  private String message;

  void add(int phase, long order, String message) {
    if (phase < this.phase || (phase == this.phase && order < this.order)) {
      this.phase = phase;
      this.order = order;
      this.message = message;
    }
  }

  boolean any() {
    return message != null;
  }

  /** Throws the problem DynamoDB would report, if there is one. */
  void throwIfAny() {
    if (message != null) {
      throw new ExpressionError(message);
    }
  }
}
