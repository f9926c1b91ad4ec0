package dev.streambed.dynamodb.partiql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PartiQL statement into tokens: bare and double-quoted identifiers, single-quoted
 * strings (a doubled quote stands for one), numbers, {@code ?} parameters and punctuation,
 * including the bag brackets {@code <<} and {@code >>} of set literals.
 */
final class Lexer {
  enum Type {
    IDENT, QUOTED_IDENT, STRING, NUMBER, PARAM,
    LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, LBAG, RBAG,
    COMMA, DOT, COLON, STAR, EQ, NE, LT, LE, GT, GE, PLUS, MINUS, EOF
  }

  /** One token: its type, its text (the unquoted value for strings and quoted names). */
  record Token(Type type, String text, int start, int end) {
    boolean is(String keyword) {
      return type == Type.IDENT && text.equalsIgnoreCase(keyword);
    }
  }

  private final String s;
  private int i;
  private final List<Token> out = new ArrayList<>();

  private Lexer(String s) {
    this.s = s;
  }

  /** The tokens of {@code statement}, ending with EOF; null when it holds a character no token starts with. */
  static List<Token> tokenize(String statement) {
    Lexer lexer = new Lexer(statement);
    return lexer.run() ? lexer.out : null;
  }

  private boolean run() {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
          i++;
        }
        out.add(new Token(Type.IDENT, s.substring(start, i), start, i));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        number();
      } else if (c == '\'' || c == '"') {
        int start = i;
        String text = quoted(c);
        if (text == null) {
          return false;
        }
        out.add(new Token(c == '\'' ? Type.STRING : Type.QUOTED_IDENT, text, start, i));
      } else if (!symbol(c)) {
        return false;
      }
    }
    out.add(new Token(Type.EOF, "", n, n));
    return true;
  }

  private void number() {
    int start = i;
    int n = s.length();
    while (i < n && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i))) {
        i++;
      }
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int mark = i;
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      if (i < n && Character.isDigit(s.charAt(i))) {
        while (i < n && Character.isDigit(s.charAt(i))) {
          i++;
        }
      } else {
        i = mark;
      }
    }
    out.add(new Token(Type.NUMBER, s.substring(start, i), start, i));
  }

  private String quoted(char quote) {
    StringBuilder b = new StringBuilder();
    i++;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == quote) {
        if (i < s.length() && s.charAt(i) == quote) {
          b.append(quote);
          i++;
        } else {
          return b.toString();
        }
      } else {
        b.append(c);
      }
    }
    return null;
  }

  private boolean symbol(char c) {
    char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
    Type type;
    int width = 1;
    switch (c) {
      case '(' -> type = Type.LPAREN;
      case ')' -> type = Type.RPAREN;
      case '[' -> type = Type.LBRACKET;
      case ']' -> type = Type.RBRACKET;
      case '{' -> type = Type.LBRACE;
      case '}' -> type = Type.RBRACE;
      case ',' -> type = Type.COMMA;
      case '.' -> type = Type.DOT;
      case ':' -> type = Type.COLON;
      case '*' -> type = Type.STAR;
      case '?' -> type = Type.PARAM;
      case '=' -> type = Type.EQ;
      case '+' -> type = Type.PLUS;
      case '-' -> type = Type.MINUS;
      case '!' -> {
        if (next != '=') {
          return false;
        }
        type = Type.NE;
        width = 2;
      }
      case '<' -> {
        type = next == '=' ? Type.LE : next == '>' ? Type.NE : next == '<' ? Type.LBAG : Type.LT;
        width = type == Type.LT ? 1 : 2;
      }
      case '>' -> {
        type = next == '=' ? Type.GE : next == '>' ? Type.RBAG : Type.GT;
        width = type == Type.GT ? 1 : 2;
      }
      default -> {
        return false;
      }
    }
    out.add(new Token(type, s.substring(i, i + width), i, i + width));
    i += width;
    return true;
  }
}
