package dev.streambed.logs.filter;

import dev.streambed.logs.LogsError;
import dev.streambed.kernel.error.AwsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code { condition }} where a condition is comparisons joined by {@code &&} and
 * {@code ||} ({@code &&} binds tighter), with parentheses for grouping.
 */
final class JsonPatternParser {
  private final String src;
  private int pos;

  JsonPatternParser(String src) {
    this.src = src;
  }

  JsonCondition parse() {
    skip();
    expect('{');
    JsonCondition c = or();
    skip();
    expect('}');
    skip();
    if (pos != src.length()) {
      throw invalid();
    }
    return c;
  }

  private JsonCondition or() {
    JsonCondition left = and();
    while (accept("||")) {
      left = new JsonCondition.Or(left, and());
    }
    return left;
  }

  private JsonCondition and() {
    JsonCondition left = primary();
    while (accept("&&")) {
      left = new JsonCondition.And(left, primary());
    }
    return left;
  }

  private JsonCondition primary() {
    skip();
    if (accept("(")) {
      JsonCondition inner = or();
      skip();
      expect(')');
      return inner;
    }
    JsonCondition.Selector selector = selector();
    skip();
    for (String word : new String[] {"IS TRUE", "IS FALSE", "IS NULL", "NOT EXISTS"}) {
      if (acceptWords(word)) {
        return new JsonCondition.Is(selector, word.startsWith("IS ") ? word.substring(3) : word);
      }
    }
    String op = operator();
    skip();
    if (pos < src.length() && src.charAt(pos) == '"') {
      if (!op.equals("=") && !op.equals("!=")) {
        throw invalid();
      }
      return new JsonCondition.Compare(selector, op, quoted(), null);
    }
    String bare = bareValue();
    BigDecimal number = null;
    try {
      number = new BigDecimal(bare);
    } catch (NumberFormatException notANumber) {
      if (!op.equals("=") && !op.equals("!=")) {
        throw invalid();
      }
    }
    return new JsonCondition.Compare(selector, op, bare, number);
  }

  private JsonCondition.Selector selector() {
    expect('$');
    List<Object> steps = new ArrayList<>();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '.') {
        pos++;
        int start = pos;
        while (pos < src.length() && isNameChar(src.charAt(pos))) {
          pos++;
        }
        if (start == pos) {
          throw invalid();
        }
        steps.add(src.substring(start, pos));
      } else if (c == '[') {
        int end = src.indexOf(']', pos);
        if (end < 0) {
          throw invalid();
        }
        try {
          steps.add(Integer.parseInt(src.substring(pos + 1, end).strip()));
        } catch (NumberFormatException e) {
          throw invalid();
        }
        pos = end + 1;
      } else {
        break;
      }
    }
    if (steps.isEmpty()) {
      throw invalid();
    }
    return new JsonCondition.Selector(List.copyOf(steps));
  }

  private String operator() {
    for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
      if (src.startsWith(op, pos)) {
        pos += op.length();
        return op;
      }
    }
    throw invalid();
  }

  private String quoted() {
    int end = src.indexOf('"', pos + 1);
    if (end < 0) {
      throw invalid();
    }
    String s = src.substring(pos + 1, end);
    pos = end + 1;
    return s;
  }

  private String bareValue() {
    int start = pos;
    while (pos < src.length() && !Character.isWhitespace(src.charAt(pos))
        && "()&|}".indexOf(src.charAt(pos)) < 0) {
      pos++;
    }
    if (start == pos) {
      throw invalid();
    }
    return src.substring(start, pos);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '@' || c == '$';
  }

  private boolean acceptWords(String words) {
    int save = pos;
    for (String w : words.split(" ")) {
      skip();
      if (!src.regionMatches(true, pos, w, 0, w.length())) {
        pos = save;
        return false;
      }
      pos += w.length();
    }
    return true;
  }

  private boolean accept(String s) {
    skip();
    if (src.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (pos >= src.length() || src.charAt(pos) != c) {
      throw invalid();
    }
    pos++;
  }

  private void skip() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private AwsException invalid() {
    return LogsError.invalid("Invalid filter pattern");
  }
}
