package dev.streambed.dynamodb.expression;

/** The kinds of token of DynamoDB's expression language. */
enum TokenType {
  /** A bare name: attribute name, keyword or function name. */
  NAME,
  /** An ExpressionAttributeNames placeholder: {@code #name}. */
  NAME_PLACEHOLDER,
  /** An ExpressionAttributeValues placeholder: {@code :value}. */
  VALUE_PLACEHOLDER,
  /** Decimal digits, meaningful only as a list index. */
  INTEGER,
  LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
  EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
  /** A character the language does not know. */
  UNKNOWN,
  EOF
}
