package dev.streambed.kernel.protocol;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming XML writer for Query-protocol responses: elements, escaped text, nothing
 * else. Elements are closed in order by {@link #end()}.
 */
public final class XmlWriter {
  private final StringBuilder out;
  private final Deque<String> open = new ArrayDeque<>();

  public XmlWriter() {
    this(new StringBuilder(256));
  }

  public XmlWriter(StringBuilder out) {
    this.out = out;
  }

  /** Opens an element. */
  public XmlWriter start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  /** Opens an element with an {@code xmlns} attribute. */
  public XmlWriter start(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"");
    escape(namespace, true);
    out.append("\">");
    open.push(name);
    return this;
  }

  /** Closes the innermost open element. */
  public XmlWriter end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Writes {@code <name>value</name>}; nothing when the value is null. */
  public XmlWriter element(String name, Object value) {
    if (value == null) {
      return this;
    }
    out.append('<').append(name).append('>');
    escape(value.toString(), false);
    out.append("</").append(name).append('>');
    return this;
  }

  /** Writes an empty element, {@code <name/>}. */
  public XmlWriter empty(String name) {
    out.append('<').append(name).append("/>");
    return this;
  }

  /** Escapes what XML requires: markup characters, and quotes inside attribute values. */
  private void escape(String text, boolean attribute) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\r' -> out.append("&#xD;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append("&#x").append(Integer.toHexString(c)).append(';');
          } else {
            out.append(c);
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
