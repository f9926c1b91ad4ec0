package dev.streambed.dynamodb.expression;

/**
 * One action of an update: SET path = value, REMOVE path, ADD path value, DELETE path value.
 * {@code value} is null for REMOVE.
 */
record UpdateAction(Kind kind, Path path, Ast.Operand value) {
  enum Kind { SET, REMOVE, ADD, DELETE }
}
