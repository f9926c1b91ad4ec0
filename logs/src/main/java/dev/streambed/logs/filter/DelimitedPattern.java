package dev.streambed.logs.filter;

import dev.streambed.logs.LogsError;
import dev.streambed.kernel.error.AwsException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A space-delimited pattern, {@code [ip, user, ..., status = 4*, bytes > 1000]}: the message is
 * split into fields at spaces (text in double quotes or square brackets is one field), each
 * pattern field names one message field and may test it, and {@code ...} stands for any number
 * of fields. Without {@code ...} the message must have exactly as many fields as the pattern.
 */
final class DelimitedPattern implements FilterPattern {
  /** A test of one field; null for a field that is only named. */
  private interface FieldTest {
    boolean test(String value);
  }

  private static final FieldTest ANY = value -> true;

  private final List<FieldTest> fields;

  private DelimitedPattern(List<FieldTest> fields) {
    this.fields = fields;
  }

  static DelimitedPattern parse(String pattern) {
    if (!pattern.endsWith("]")) {
      throw invalid();
    }
    List<FieldTest> fields = new ArrayList<>();
    for (String part : splitTopLevel(pattern.substring(1, pattern.length() - 1))) {
      String p = part.strip();
      if (p.isEmpty()) {
        throw invalid();
      }
      fields.add(p.equals("...") ? null : condition(p));
    }
    return new DelimitedPattern(fields);
  }

  @Override
  public boolean test(String message) {
    return match(0, tokens(message), 0);
  }

  private boolean match(int pi, List<String> tokens, int ti) {
    if (pi == fields.size()) {
      return ti == tokens.size();
    }
    FieldTest f = fields.get(pi);
    if (f == null) {
      for (int k = ti; k <= tokens.size(); k++) {
        if (match(pi + 1, tokens, k)) {
          return true;
        }
      }
      return false;
    }
    return ti < tokens.size() && f.test(tokens.get(ti)) && match(pi + 1, tokens, ti + 1);
  }

  /** Fields of a message: runs of non-space text, or text in double quotes or square brackets. */
  static List<String> tokens(String message) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = message.length();
    while (i < n) {
      char c = message.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      char close = c == '"' ? '"' : c == '[' ? ']' : 0;
      if (close != 0) {
        int end = message.indexOf(close, i + 1);
        if (end > 0) {
          out.add(message.substring(i + 1, end));
          i = end + 1;
          continue;
        }
      }
      int start = i;
      while (i < n && !Character.isWhitespace(message.charAt(i))) {
        i++;
      }
      out.add(message.substring(start, i));
    }
    return out;
  }

  /** {@code name}, or {@code name OP value} joined by {@code &&} and {@code ||} left to right. */
  private static FieldTest condition(String text) {
    String[] ors = text.split("\\|\\|");
    FieldTest any = null;
    for (String or : ors) {
      FieldTest all = null;
      for (String and : or.split("&&")) {
        FieldTest t = comparison(and.strip());
        FieldTest prev = all;
        all = prev == null ? t : v -> prev.test(v) && t.test(v);
      }
      FieldTest prevAny = any;
      FieldTest allFinal = all;
      any = prevAny == null ? all : v -> prevAny.test(v) || allFinal.test(v);
    }
    return any;
  }

  private static FieldTest comparison(String text) {
    for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
      int at = text.indexOf(op);
      if (at < 0) {
        continue;
      }
      String name = text.substring(0, at).strip();
      String value = text.substring(at + op.length()).strip();
      if (name.isEmpty() || value.isEmpty()) {
        throw invalid();
      }
      boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
      if (quoted) {
        value = value.substring(1, value.length() - 1);
      }
      BigDecimal number = quoted ? null : number(value);
      if (number == null && !op.equals("=") && !op.equals("!=")) {
        throw invalid();
      }
      return number != null ? numeric(op, number) : text(op, value);
    }
    if (!text.matches("[A-Za-z0-9_$@.-]+")) {
      throw invalid();
    }
    return ANY;
  }

  private static FieldTest numeric(String op, BigDecimal expected) {
    return value -> {
      BigDecimal actual = number(value);
      if (actual == null) {
        return false;
      }
      int c = actual.compareTo(expected);
      return switch (op) {
        case "=" -> c == 0;
        case "!=" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    };
  }

  private static FieldTest text(String op, String expected) {
    StringBuilder re = new StringBuilder();
    String[] parts = expected.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        re.append(".*");
      }
      re.append(Pattern.quote(parts[i]));
    }
    Pattern p = Pattern.compile(re.toString(), Pattern.DOTALL);
    return op.equals("=") ? value -> p.matcher(value).matches() : value -> !p.matcher(value).matches();
  }

  private static BigDecimal number(String s) {
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private static AwsException invalid() {
    return LogsError.invalid("Invalid filter pattern");
  }
}
