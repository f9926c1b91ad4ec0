package dev.streambed.dynamodb.expression;

import java.util.Arrays;

/**
 * Splits an expression into tokens, kept as parallel arrays of type and source span so that a
 * syntax error can quote the offending token and its neighbours as DynamoDB does.
 */
final class Lexer {
  private final String text;
  private TokenType[] types = new TokenType[16];
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int count;

  private Lexer(String text) {
    this.text = text;
  }

  static Tokens tokenize(String text) {
    Lexer lexer = new Lexer(text);
    lexer.run();
    return new Tokens(text, lexer.types, lexer.starts, lexer.ends, lexer.count);
  }

  private void run() {
    int n = text.length();
    int i = 0;
    int lastEnd = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        continue;
      }
      int start = i;
      TokenType type;
      if (isNameStart(c)) {
        i = skipNameChars(i + 1);
        type = TokenType.NAME;
      } else if (c >= '0' && c <= '9') {
        // DynamoDB reads "0100" as the two integers "0" and "100": a leading zero stands alone.
        i++;
        if (c != '0') {
          while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
          }
        }
        type = TokenType.INTEGER;
      } else if ((c == '#' || c == ':') && i + 1 < n && isNameChar(text.charAt(i + 1))) {
        i = skipNameChars(i + 1);
        type = c == '#' ? TokenType.NAME_PLACEHOLDER : TokenType.VALUE_PLACEHOLDER;
      } else {
        i++;
        switch (c) {
          case '(': type = TokenType.LPAREN; break;
          case ')': type = TokenType.RPAREN; break;
          case '[': type = TokenType.LBRACKET; break;
          case ']': type = TokenType.RBRACKET; break;
          case ',': type = TokenType.COMMA; break;
          case '.': type = TokenType.DOT; break;
          case '=': type = TokenType.EQ; break;
          case '+': type = TokenType.PLUS; break;
          case '-': type = TokenType.MINUS; break;
          case '<':
            if (i < n && text.charAt(i) == '=') {
              i++;
              type = TokenType.LE;
            } else if (i < n && text.charAt(i) == '>') {
              i++;
              type = TokenType.NE;
            } else {
              type = TokenType.LT;
            }
            break;
          case '>':
            if (i < n && text.charAt(i) == '=') {
              i++;
              type = TokenType.GE;
            } else {
              type = TokenType.GT;
            }
            break;
          default:
            if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(text.charAt(i))) {
              i++;
            }
            type = TokenType.UNKNOWN;
        }
      }
      add(type, start, i);
      lastEnd = i;
    }
    // The end token covers the trailing blanks: DynamoDB quotes them in "near".
    add(TokenType.EOF, lastEnd, n);
  }

  private int skipNameChars(int i) {
    int n = text.length();
    while (i < n && isNameChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private void add(TokenType type, int start, int end) {
    if (count == types.length) {
      types = Arrays.copyOf(types, count * 2);
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    types[count] = type;
    starts[count] = start;
    ends[count] = end;
    count++;
  }
}
