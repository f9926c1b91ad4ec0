package dev.streambed.dynamodb.expression;

import java.util.Locale;

/** The tokens of one expression and a cursor over them, with DynamoDB's syntax-error wording. */
final class Tokens {
  private final String text;
  private final TokenType[] types;
  private final int[] starts;
  private final int[] ends;
  private final int count;
  private int pos;

  Tokens(String text, TokenType[] types, int[] starts, int[] ends, int count) {
    this.text = text;
    this.types = types;
    this.starts = starts;
    this.ends = ends;
    this.count = count;
  }

  TokenType type() {
    return types[pos];
  }

  TokenType type(int ahead) {
    int i = pos + ahead;
    return i < count ? types[i] : TokenType.EOF;
  }

  String text() {
    return text.substring(starts[pos], ends[pos]);
  }

  /** The text of the token {@code i} places from the start. */
  String text(int i) {
    return text.substring(starts[i], ends[i]);
  }

  int position() {
    return pos;
  }

  /** Whether the current token is the given keyword (keywords are case-insensitive). */
  boolean isKeyword(String keyword) {
    return types[pos] == TokenType.NAME
        && ends[pos] - starts[pos] == keyword.length()
        && text.regionMatches(true, starts[pos], keyword, 0, keyword.length());
  }

  String keywordUpper() {
    return text().toUpperCase(Locale.ROOT);
  }

  void advance() {
    if (pos < count - 1) {
      pos++;
    }
  }

  /** Consumes a token of the given type or fails with a syntax error on the current token. */
  void expect(TokenType type) {
    if (types[pos] != type) {
      throw syntaxError();
    }
    advance();
  }

  /**
   * DynamoDB's syntax error: the offending token, and "near" the source from the token before it
   * to the token after it ({@code Syntax error; token: ":", near: "hits : incr"}), from the
   * start of the text when there is no token before, trailing blanks included; at the end of the
   * text the token is {@code <EOF>}.
   */
  ExpressionError syntaxError() {
    int from = pos > 0 ? starts[pos - 1] : 0;
    int to = pos + 1 < count ? ends[pos + 1] : ends[pos];
    String token = types[pos] == TokenType.EOF ? "<EOF>" : text();
    return new ExpressionError(Messages.syntaxError(token, text.substring(from, to)));
  }
}
