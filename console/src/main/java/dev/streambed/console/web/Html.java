package dev.streambed.console.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Builds HTML with every text and attribute value escaped, so nothing a user stored (an item, a
 * log line, a policy) can become markup. Attributes are name/value pairs; a null value leaves
 * the attribute out, an empty name/value pair of a boolean attribute writes it bare.
 */
public final class Html {
  private static final Set<String> VOID = Set.of("input", "br", "meta", "link", "hr", "img");
  private final StringBuilder out = new StringBuilder(4096);
  private final Deque<String> open = new ArrayDeque<>();

  /** Opens an element; close it with {@link #end()}. */
  public Html tag(String name, String... attributes) {
    out.append('<').append(name);
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      String value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      out.append(' ').append(attributes[i]);
      if (!value.equals(BARE)) {
        out.append("=\"");
        escape(value, true);
        out.append('"');
      }
    }
    out.append('>');
    if (!VOID.contains(name)) {
      open.push(name);
    }
    return this;
  }

  /** The value of a boolean attribute that is present: {@code tag("input", "checked", on ? BARE : null)}. */
  public static final String BARE = "\0bare";

  public static String when(boolean present) {
    return present ? BARE : null;
  }

  public Html end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** An element holding text. */
  public Html el(String name, Object text, String... attributes) {
    tag(name, attributes);
    text(text);
    return end();
  }

  public Html text(Object text) {
    if (text != null) {
      escape(text.toString(), false);
    }
    return this;
  }

  public Html link(String href, Object text, String... attributes) {
    String[] all = new String[attributes.length + 2];
    all[0] = "href";
    all[1] = href;
    System.arraycopy(attributes, 0, all, 2, attributes.length);
    return el("a", text, all);
  }

  /** Markup written by the console itself (never user data). */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  private void escape(String s, boolean attribute) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\'' -> out.append(attribute ? "&#39;" : "'");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed elements: " + open);
    }
    return out.toString();
  }
}
