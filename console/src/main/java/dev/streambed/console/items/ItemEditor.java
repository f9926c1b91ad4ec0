package dev.streambed.console.items;

import dev.streambed.console.Services;
import dev.streambed.console.tables.TableTabs;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.item.ReturnValue;
import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creating, editing, duplicating and deleting one item, in an attribute editor with DynamoDB's
 * types or as DynamoDB JSON. Every change is PutItem or DeleteItem through {@code Items}, the one
 * write path, so the table's stream and indexes see it as they see the API's writes. A new item
 * (created or duplicated) must not overwrite one with the same key.
 */
public final class ItemEditor {
  private final Services services;
  private final Layout layout;

  public ItemEditor(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  /** What the editor edits: a new item, or an existing one whose key is fixed. */
  private record Mode(boolean create, Map<String, AttributeValue> key) {
    String action(Table t) {
      return create ? Layout.url("tables", t.name(), "items", "create")
          : Layout.url("tables", t.name(), "items", "edit") + "?key=" + ItemJson.keyParam(key);
    }
  }

  public WebResponse createForm(Exchange x) {
    Table t = ItemsTab.table(services, x);
    List<AttributeRows.Row> rows;
    if (x.param("from") != null) {
      Map<String, AttributeValue> original = read(t, ItemJson.key(x.param("from")));
      rows = AttributeRows.of(ordered(t, original));
    } else {
      rows = new ArrayList<>();
      KeySchema k = t.keySchema();
      rows.add(new AttributeRows.Row(k.hashName(), k.hashType().name(), ""));
      if (k.hasRange()) {
        rows.add(new AttributeRows.Row(k.rangeName(), k.rangeType().name(), ""));
      }
    }
    return editor(x, t, new Mode(true, null), rows, false, null, null);
  }

  public WebResponse editForm(Exchange x) {
    Table t = ItemsTab.table(services, x);
    Map<String, AttributeValue> key = ItemJson.key(x.query("key"));
    Map<String, AttributeValue> item = read(t, key);
    return editor(x, t, new Mode(false, key), AttributeRows.of(ordered(t, item)), false, null, null);
  }

  private Map<String, AttributeValue> read(Table t, Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = services.dynamoDb().items().get(t, key, null, true).item();
    if (item == null) {
      throw ItemJson.invalid("The item " + describe(key) + " does not exist (any more).");
    }
    return item;
  }

  public WebResponse create(Exchange x) {
    return submit(x, new Mode(true, null));
  }

  public WebResponse edit(Exchange x) {
    return submit(x, new Mode(false, ItemJson.key(x.query("key"))));
  }

  private WebResponse submit(Exchange x, Mode mode) {
    Table t = ItemsTab.table(services, x);
    boolean json = "json".equals(x.param("view"));
    String op = x.param("op") == null ? "save" : x.param("op");
    List<AttributeRows.Row> rows = json ? List.of() : AttributeRows.read(x);
    String text = x.param("json");
    try {
      switch (op) {
        case "add" -> {
          List<AttributeRows.Row> more = new ArrayList<>(rows);
          more.add(new AttributeRows.Row("", "S", ""));
          return editor(x, t, mode, more, false, null, null);
        }
        case "json" -> {
          Map<String, AttributeValue> item = json ? ItemJson.readItem(text) : AttributeRows.item(rows);
          return editor(x, t, mode, List.of(), true, ItemJson.write(item, true), null);
        }
        case "form" -> {
          Map<String, AttributeValue> item = json ? ItemJson.readItem(text) : AttributeRows.item(rows);
          return editor(x, t, mode, AttributeRows.of(ordered(t, item)), false, null, null);
        }
        default -> {
          if (op.startsWith("remove:")) {
            List<AttributeRows.Row> fewer = new ArrayList<>(rows);
            int i = ItemsTab.parse(op.substring("remove:".length()));
            if (i >= 0 && i < fewer.size() && !t.keySchema().isKeyAttribute(fewer.get(i).name())) {
              fewer.remove(i);
            }
            return editor(x, t, mode, fewer, false, null, null);
          }
        }
      }
      Map<String, AttributeValue> item = json ? ItemJson.readItem(text) : AttributeRows.item(rows);
      if (!mode.create()) {
        // The key of an item being edited stays the item's: a changed key would be another item.
        Map<String, AttributeValue> kept = new LinkedHashMap<>(item);
        kept.putAll(mode.key());
        item = kept;
      }
      Condition condition = mode.create() ? absent(t) : null;
      services.dynamoDb().items().put(t, item, condition, ReturnValue.NONE, false);
      x.flash((mode.create() ? "Created item " : "Saved item ") + describe(keyOf(t, item)) + ".");
      return Layout.redirect(Layout.url("tables", t.name(), "items"));
    } catch (AwsException e) {
      return editor(x, t, mode, rows, json, text, e);
    }
  }

  /** A new item may not take the place of one that exists: attribute_not_exists on the partition key. */
  private static Condition absent(Table t) {
    return Expressions.condition("attribute_not_exists(#k)", "ConditionExpression",
        new ExpressionContext(Map.of("#k", t.keySchema().hashName()), null));
  }

  public WebResponse deleteForm(Exchange x) {
    Table t = ItemsTab.table(services, x);
    Map<String, AttributeValue> key = ItemJson.key(x.query("key"));
    Map<String, AttributeValue> item = read(t, key);
    return layout.render(x, new Layout.Page("Delete item").section("/tables").crumbs(
        new Layout.Crumb("Tables", Layout.url("tables")), new Layout.Crumb(t.name(), Layout.url("tables", t.name(), "items"))),
        h -> {
          h.el("p", "Delete the item " + describe(key) + " from " + t.name() + "?");
          h.el("pre", ItemJson.write(item, true), "class", "code");
          Forms.open(h, x, Layout.url("tables", t.name(), "items", "delete") + "?key=" + ItemJson.keyParam(key));
          h.tag("div", "class", "actions");
          h.el("button", "Delete", "type", "submit", "class", "danger");
          h.link(Layout.url("tables", t.name(), "items"), "Cancel");
          h.end().end();
        });
  }

  public WebResponse delete(Exchange x) {
    Table t = ItemsTab.table(services, x);
    Map<String, AttributeValue> key = ItemJson.key(x.query("key"));
    services.dynamoDb().items().delete(t, key, null, ReturnValue.NONE, false);
    x.flash("Deleted item " + describe(key) + ".");
    return Layout.redirect(Layout.url("tables", t.name(), "items"));
  }

  private WebResponse editor(Exchange x, Table t, Mode mode, List<AttributeRows.Row> rows, boolean json,
      String text, AwsException error) {
    String title = mode.create() ? "Create item" : "Edit item";
    Layout.Page page = new Layout.Page(title).section("/tables").error(error).crumbs(
        new Layout.Crumb("Tables", Layout.url("tables")), new Layout.Crumb(t.name(), Layout.url("tables", t.name(), "items")));
    return layout.render(x, page, h -> {
      if (!mode.create()) {
        h.el("p", "Item " + describe(mode.key()), "class", "hint");
      }
      Forms.open(h, x, mode.action(t), "class", "panel editor");
      h.tag("input", "type", "hidden", "name", "view", "value", json ? "json" : "form");
      h.tag("div", "class", "actions", "role", "group", "aria-label", "View");
      h.el("button", "Attributes", "type", "submit", "name", "op", "value", "form", "aria-pressed", json ? "false" : "true");
      h.el("button", "JSON view", "type", "submit", "name", "op", "value", "json", "aria-pressed", json ? "true" : "false");
      h.end();
      if (json) {
        Forms.textarea(h, "Item (DynamoDB JSON)", "json", text, 18, "class", "code");
      } else {
        rows(h, t, mode, rows);
      }
      h.tag("div", "class", "actions");
      h.el("button", mode.create() ? "Create item" : "Save changes", "type", "submit", "name", "op", "value", "save",
          "class", "primary");
      h.link(Layout.url("tables", t.name(), "items"), "Cancel");
      h.end();
      h.end();
    });
  }

  private static void rows(Html h, Table t, Mode mode, List<AttributeRows.Row> rows) {
    h.tag("input", "type", "hidden", "name", "rows", "value", Integer.toString(rows.size()));
    h.tag("div", "class", "table-wrap").tag("table", "class", "attributes").tag("thead").tag("tr");
    for (String c : List.of("Attribute name", "Type", "Value", "")) {
      h.el("th", c, "scope", "col");
    }
    h.end().end().tag("tbody");
    for (int i = 0; i < rows.size(); i++) {
      AttributeRows.Row r = rows.get(i);
      boolean key = t.keySchema().isKeyAttribute(r.name());
      String label = r.name().isEmpty() ? "new attribute " + (i + 1) : r.name();
      h.tag("tr", "data-attribute", r.name());
      h.tag("td").tag("input", "type", "text", "name", "name." + i, "value", r.name(), "aria-label", "Name of " + label,
          "readonly", Html.when(key), "autocomplete", "off").end();
      h.tag("td");
      if (key) {
        h.tag("input", "type", "hidden", "name", "type." + i, "value", r.type());
        h.el("span", r.type() + " (key)", "class", "mono");
      } else {
        h.tag("select", "name", "type." + i, "aria-label", "Type of " + label);
        for (String type : AttributeRows.TYPES) {
          h.el("option", type, "value", type, "selected", Html.when(type.equals(r.type())));
        }
        h.end();
      }
      h.end();
      h.tag("td");
      boolean fixedKey = key && !mode.create();
      if (r.value().contains("\n") || List.of("M", "L", "SS", "NS", "BS").contains(r.type())) {
        h.el("textarea", r.value(), "name", "value." + i, "rows", "3", "aria-label", "Value of " + label,
            "class", "code", "spellcheck", "false");
      } else {
        h.tag("input", "type", "text", "name", "value." + i, "value", r.value(), "aria-label", "Value of " + label,
            "readonly", Html.when(fixedKey), "autocomplete", "off");
      }
      h.end();
      h.tag("td");
      if (!key) {
        h.el("button", "Remove", "type", "submit", "name", "op", "value", "remove:" + i, "aria-label", "Remove " + label);
      }
      h.end();
      h.end();
    }
    h.end().end().end();
    h.el("p", "Strings, numbers and base64 binaries as they are; BOOL as true or false; sets as JSON arrays "
        + "([\"a\", \"b\"]); maps and lists in DynamoDB JSON ({\"a\": {\"S\": \"x\"}}, [{\"N\": \"1\"}]).", "class", "hint");
    h.tag("div", "class", "actions");
    h.el("button", "Add attribute", "type", "submit", "name", "op", "value", "add");
    h.end();
  }

  /** The item with its key attributes first, as the editor lists them. */
  static Map<String, AttributeValue> ordered(Table t, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> out = new LinkedHashMap<>(keyOf(t, item));
    item.forEach(out::putIfAbsent);
    return out;
  }

  static Map<String, AttributeValue> keyOf(Table t, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    KeySchema k = t.keySchema();
    if (item.containsKey(k.hashName())) {
      key.put(k.hashName(), item.get(k.hashName()));
    }
    if (k.hasRange() && item.containsKey(k.rangeName())) {
      key.put(k.rangeName(), item.get(k.rangeName()));
    }
    return key;
  }

  /** A key as people read it: {@code user_id=john, post_id=2}. */
  static String describe(Map<String, AttributeValue> key) {
    List<String> parts = new ArrayList<>();
    key.forEach((n, v) -> parts.add(n + "=" + ItemsTab.shown(v)));
    return String.join(", ", parts);
  }
}
