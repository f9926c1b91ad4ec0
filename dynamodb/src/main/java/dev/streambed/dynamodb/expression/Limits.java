package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.error.AwsException;
import java.nio.charset.StandardCharsets;

/**
 * DynamoDB's bounds on an expression, checked before it is parsed: at most 4 KB of text
 * ("Expression size has exceeded the maximum allowed size;", 4,096 bytes accepted and 4,097
 * refused, as the raw string is sent), and at most 300 operators and functions ("The expression
 * contains too many operators; operator count: 301"). Parentheses nested deeper than 300
 * operators can justify are redundant, and refused as DynamoDB refuses redundant parentheses;
 * so the parsers' recursion is bounded too.
 */
final class Limits {
  static final int MAX_BYTES = 4096;
  static final int MAX_OPERATORS = 300;

  private Limits() {}

  static void check(String text, String parameter) {
    if (text.length() > MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw AwsException.validation(Messages.invalid(parameter,
          "Expression size has exceeded the maximum allowed size;"));
    }
    Tokens t = Lexer.tokenize(text);
    boolean update = parameter.equals("UpdateExpression");
    int operators = 0;
    int depth = 0;
    int deepest = 0;
    for (int i = 0; t.type(i) != TokenType.EOF; i++) {
      TokenType type = t.type(i);
      switch (type) {
        case EQ -> operators += update ? 0 : 1;
        case NE, LT, LE, GT, GE, PLUS, MINUS -> operators++;
        case LPAREN -> deepest = Math.max(deepest, ++depth);
        case RPAREN -> depth--;
        case NAME -> {
          if (t.type(i + 1) == TokenType.LPAREN || isOperatorWord(t.text(i))) {
            operators++;
          }
        }
        default -> { }
      }
    }
    if (operators > MAX_OPERATORS) {
      throw AwsException.validation(Messages.invalid(parameter,
          "The expression contains too many operators; operator count: " + operators));
    }
    if (deepest > MAX_OPERATORS + 1) {
      throw AwsException.validation(Messages.invalid(parameter, Messages.REDUNDANT_PARENTHESES));
    }
  }

  private static boolean isOperatorWord(String word) {
    return word.equalsIgnoreCase("AND") || word.equalsIgnoreCase("OR") || word.equalsIgnoreCase("NOT")
        || word.equalsIgnoreCase("BETWEEN") || word.equalsIgnoreCase("IN");
  }
}
