package example;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Writes the maps, lists, strings, numbers and booleans of an event back as JSON. */
public final class Json {
  private Json() {}

  /** The value as JSON, indented by {@code indent} spaces a level (none when 0). */
  public static String write(Object value, int indent) {
    StringBuilder out = new StringBuilder();
    write(value, indent, 0, out);
    return out.toString();
  }

  private static void write(Object value, int indent, int depth, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        newline(out, indent, depth + 1);
        string(String.valueOf(e.getKey()), out);
        out.append(indent > 0 ? ": " : ":");
        write(e.getValue(), indent, depth + 1, out);
        if (it.hasNext()) {
          out.append(',');
        }
      }
      close(out, '}', map.isEmpty(), indent, depth);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        newline(out, indent, depth + 1);
        write(list.get(i), indent, depth + 1, out);
        if (i < list.size() - 1) {
          out.append(',');
        }
      }
      close(out, ']', list.isEmpty(), indent, depth);
    } else if (value instanceof String s) {
      string(s, out);
    } else {
      out.append(value);
    }
  }

  private static void close(StringBuilder out, char c, boolean empty, int indent, int depth) {
    if (!empty) {
      newline(out, indent, depth);
    }
    out.append(c);
  }

  private static void newline(StringBuilder out, int indent, int depth) {
    if (indent > 0) {
      out.append('\n').append(" ".repeat(indent * depth));
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
