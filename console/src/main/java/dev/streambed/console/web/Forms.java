package dev.streambed.console.web;

import java.util.List;

/** Form controls, each with its label, written the same way on every page. */
public final class Forms {
  private Forms() {}

  /** An option of a select or a radio group: the value sent and the text shown. */
  public record Option(String value, String text) {
    public static Option of(String value) {
      return new Option(value, value);
    }
  }

  /** Opens a POST form carrying the session's token; close it with {@link Html#end()}. */
  public static Html open(Html h, Exchange x, String action, String... attributes) {
    String[] all = new String[attributes.length + 4];
    all[0] = "method";
    all[1] = "post";
    all[2] = "action";
    all[3] = action;
    System.arraycopy(attributes, 0, all, 4, attributes.length);
    h.tag("form", all);
    h.tag("input", "type", "hidden", "name", "_csrf", "value", x.csrfToken());
    return h;
  }

  /** A form of one button, for an action on a thing (enable, delete). */
  public static void button(Html h, Exchange x, String action, String text, String... classes) {
    open(h, x, action, "class", "inline");
    h.el("button", text, "type", "submit", "class", classes.length > 0 ? classes[0] : null);
    h.end();
  }

  public static void input(Html h, String label, String type, String name, String value, String hint,
      String... attributes) {
    String id = "f-" + name;
    h.tag("div", "class", "field");
    h.el("label", label, "for", id);
    String[] all = new String[attributes.length + 8];
    all[0] = "type";
    all[1] = type;
    all[2] = "id";
    all[3] = id;
    all[4] = "name";
    all[5] = name;
    all[6] = "value";
    all[7] = value;
    System.arraycopy(attributes, 0, all, 8, attributes.length);
    if (hint != null) {
      String[] more = new String[all.length + 2];
      System.arraycopy(all, 0, more, 0, all.length);
      more[all.length] = "aria-describedby";
      more[all.length + 1] = id + "-hint";
      all = more;
    }
    h.tag("input", all);
    if (hint != null) {
      h.el("p", hint, "class", "hint", "id", id + "-hint");
    }
    h.end();
  }

  public static void text(Html h, String label, String name, String value, String hint, String... attributes) {
    input(h, label, "text", name, value, hint, attributes);
  }

  public static void number(Html h, String label, String name, Object value, String hint, String... attributes) {
    input(h, label, "number", name, value == null ? null : value.toString(), hint, attributes);
  }

  public static void select(Html h, String label, String name, List<Option> options, String selected) {
    String id = "f-" + name;
    h.tag("div", "class", "field");
    h.el("label", label, "for", id);
    h.tag("select", "id", id, "name", name);
    for (Option o : options) {
      h.el("option", o.text(), "value", o.value(), "selected", Html.when(o.value().equals(selected)));
    }
    h.end().end();
  }

  public static void radios(Html h, String legend, String name, List<Option> options, String selected) {
    h.tag("fieldset", "class", "field");
    h.el("legend", legend);
    int i = 0;
    for (Option o : options) {
      String id = "f-" + name + "-" + i++;
      h.tag("div", "class", "choice");
      h.tag("input", "type", "radio", "id", id, "name", name, "value", o.value(),
          "checked", Html.when(o.value().equals(selected)));
      h.el("label", o.text(), "for", id);
      h.end();
    }
    h.end();
  }

  public static void checkbox(Html h, String label, String name, boolean checked) {
    String id = "f-" + name;
    h.tag("div", "class", "field choice");
    h.tag("input", "type", "checkbox", "id", id, "name", name, "value", "on", "checked", Html.when(checked));
    h.el("label", label, "for", id);
    h.end();
  }

  public static void textarea(Html h, String label, String name, String value, int rows, String... attributes) {
    String id = "f-" + name;
    h.tag("div", "class", "field");
    h.el("label", label, "for", id);
    String[] all = new String[attributes.length + 8];
    all[0] = "id";
    all[1] = id;
    all[2] = "name";
    all[3] = name;
    all[4] = "rows";
    all[5] = Integer.toString(rows);
    all[6] = "spellcheck";
    all[7] = "false";
    System.arraycopy(attributes, 0, all, 8, attributes.length);
    // A parser drops one newline right after <textarea>: one more keeps a value that starts with one.
    String shown = value == null ? "" : value.startsWith("\n") ? "\n" + value : value;
    h.el("textarea", shown, all);
    h.end();
  }

  public static void submit(Html h, String text) {
    h.el("button", text, "type", "submit", "class", "primary");
  }
}
