package dev.streambed.console.items;

import dev.streambed.console.Services;
import dev.streambed.console.Topics;
import dev.streambed.console.tables.TableTabs;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.item.KeyCondition;
import dev.streambed.dynamodb.item.Reads;
import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableRef;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's items: a page of a Scan, or of a Query by key, with filters, read through the same
 * {@link Reads} as the API's Scan and Query, with DynamoDB's paging (Limit and the key to resume
 * after). The list follows writes as they commit.
 */
public final class ItemsTab {
  private static final List<String[]> SORT_OPS = List.of(new String[] {"EQ", "="}, new String[] {"LT", "<"},
      new String[] {"LE", "<="}, new String[] {"GT", ">"}, new String[] {"GE", ">="},
      new String[] {"BETWEEN", "Between"}, new String[] {"BEGINS_WITH", "Begins with"});
  private final Services services;
  private final Layout layout;

  public ItemsTab(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  static Table table(Services services, Exchange x) {
    return services.dynamoDb().tables().catalog().describe(new TableRef(x.account(), x.region(), x.path("table")));
  }

  public WebResponse show(Exchange x) {
    Table t = table(services, x);
    boolean query = "query".equals(x.param("mode"));
    int filterCount = Math.max(1, Math.min(10, x.params("filters").stream().mapToInt(ItemsTab::parse).max().orElse(1)));
    List<ItemFilters.Filter> filters = ItemFilters.read(x, filterCount);
    int limit = Math.max(1, Math.min(300, parse(x.param("limit") == null ? "25" : x.param("limit"))));
    Reads.Page page = null;
    AwsException error = null;
    try {
      Condition filter = ItemFilters.condition(filters);
      Map<String, AttributeValue> start = x.param("start") == null ? null : ItemJson.key(x.param("start"));
      Reads.Options options = new Reads.Options(filter, null, limit, start, false, false);
      page = query
          ? services.dynamoDb().reads().query(t, keyCondition(x, t.keySchema()), x.param("desc") == null, options)
          : services.dynamoDb().reads().scan(t, options, null, null);
    } catch (AwsException e) {
      error = e;
    }
    Reads.Page result = page;
    Layout.Page p = TableTabs.page(t.name(), "items").error(error).live(Topics.items(t.name()), Topics.table(t.name()));
    return layout.render(x, p, h -> {
      TableTabs.render(h, t.name(), "items");
      form(h, x, t, query, filters);
      h.tag("div", "class", "actions");
      h.link(Layout.url("tables", t.name(), "items", "create"), "Create item", "class", "button primary");
      h.el("span", "", "id", "live-status", "class", "status", "role", "status");
      h.end();
      h.tag("section", "data-live", "items", "aria-label", "Items returned");
      if (result != null) {
        results(h, t, result);
        pager(h, x, t, result);
      }
      h.end();
    });
  }

  private static KeyCondition keyCondition(Exchange x, KeySchema k) {
    String pk = x.param("pk");
    if (pk == null || pk.isEmpty()) {
      throw AwsException.validation("Enter a value of the partition key " + k.hashName() + " to query.");
    }
    AttributeValue hash = AttributeRows.value(new AttributeRows.Row(k.hashName(), k.hashType().name(), pk));
    String sk = x.param("sk");
    if (!k.hasRange() || sk == null || sk.isEmpty()) {
      return KeyCondition.hashOnly(hash);
    }
    KeyCondition.RangeOp op;
    try {
      op = KeyCondition.RangeOp.valueOf(x.param("skop") == null ? "EQ" : x.param("skop"));
    } catch (IllegalArgumentException e) {
      op = KeyCondition.RangeOp.EQ;
    }
    AttributeValue low = AttributeRows.value(new AttributeRows.Row(k.rangeName(), k.rangeType().name(), sk));
    AttributeValue high = null;
    if (op == KeyCondition.RangeOp.BETWEEN) {
      high = AttributeRows.value(new AttributeRows.Row(k.rangeName(), k.rangeType().name(),
          x.param("sk2") == null ? "" : x.param("sk2")));
    }
    return new KeyCondition(hash, op, low, high);
  }

  private static void form(Html h, Exchange x, Table t, boolean query, List<ItemFilters.Filter> filters) {
    KeySchema k = t.keySchema();
    boolean asked = query || filters.stream().anyMatch(f -> f.attribute() != null);
    h.tag("details", "class", "panel", "open", Html.when(asked));
    h.el("summary", "Scan or query items");
    h.tag("form", "method", "get", "action", Layout.url("tables", t.name(), "items"), "aria-label", "Scan or query items");
    Forms.radios(h, "Read", "mode", List.of(new Forms.Option("scan", "Scan the table"),
        new Forms.Option("query", "Query by key")), query ? "query" : "scan");
    h.tag("div", "class", "row");
    Forms.text(h, "Partition key: " + k.hashName() + " (" + k.hashType().name() + ")", "pk", x.param("pk"),
        null, "autocomplete", "off");
    if (k.hasRange()) {
      List<Forms.Option> ops = new ArrayList<>();
      for (String[] o : SORT_OPS) {
        ops.add(new Forms.Option(o[0], o[1]));
      }
      Forms.select(h, "Sort key condition", "skop", ops, x.param("skop") == null ? "EQ" : x.param("skop"));
      Forms.text(h, "Sort key: " + k.rangeName() + " (" + k.rangeType().name() + ")", "sk", x.param("sk"), null,
          "autocomplete", "off");
      Forms.text(h, "And (for Between)", "sk2", x.param("sk2"), null, "autocomplete", "off");
    }
    h.end();
    Forms.checkbox(h, "Sort descending (query)", "desc", x.param("desc") != null);
    h.el("h3", "Filters");
    for (int i = 0; i < filters.size(); i++) {
      ItemFilters.Filter f = filters.get(i);
      h.tag("div", "class", "row", "role", "group", "aria-label", "Filter " + (i + 1));
      Forms.text(h, "Attribute name", "fa." + i, f.attribute(), null, "autocomplete", "off");
      List<Forms.Option> conditions = new ArrayList<>();
      for (String[] c : ItemFilters.CONDITIONS) {
        conditions.add(new Forms.Option(c[0], c[1]));
      }
      Forms.select(h, "Condition", "fc." + i, conditions, f.condition());
      Forms.select(h, "Type", "ft." + i, ItemFilters.VALUE_TYPES.stream().map(Forms.Option::of).toList(), f.type());
      Forms.text(h, "Value", "fv." + i, f.value(), null, "autocomplete", "off");
      h.end();
    }
    h.tag("input", "type", "hidden", "name", "filters", "value", Integer.toString(filters.size()));
    h.tag("div", "class", "actions");
    h.el("button", "Add filter", "type", "submit", "name", "filters", "value", Integer.toString(filters.size() + 1));
    Forms.select(h, "Items per page", "limit", List.of(Forms.Option.of("25"), Forms.Option.of("50"),
        Forms.Option.of("100"), Forms.Option.of("300")), x.param("limit") == null ? "25" : x.param("limit"));
    Forms.submit(h, "Run");
    h.end();
    h.end();
    h.end();
  }

  private static void results(Html h, Table t, Reads.Page page) {
    KeySchema k = t.keySchema();
    h.el("h2", "Items returned (" + page.count() + ")");
    if (page.items().isEmpty()) {
      h.el("p", "No items.", "class", "empty");
      return;
    }
    Set<String> columns = new LinkedHashSet<>();
    columns.add(k.hashName());
    if (k.hasRange()) {
      columns.add(k.rangeName());
    }
    page.items().forEach(i -> columns.addAll(i.keySet()));
    h.tag("div", "class", "table-wrap").tag("table", "class", "items").tag("thead").tag("tr");
    for (String c : columns) {
      h.el("th", c, "scope", "col");
    }
    h.el("th", "Actions", "scope", "col");
    h.end().end().tag("tbody");
    for (Map<String, AttributeValue> item : page.items()) {
      Map<String, AttributeValue> key = ItemEditor.keyOf(t, item);
      String keyParam = ItemJson.keyParam(key);
      String describe = ItemEditor.describe(key);
      h.tag("tr");
      boolean first = true;
      for (String c : columns) {
        AttributeValue v = item.get(c);
        String shown = v == null ? "" : shown(v);
        if (first) {
          h.tag("td").link(Layout.url("tables", t.name(), "items", "edit") + "?key=" + keyParam, shown,
              "aria-label", "Edit item " + describe).end();
          first = false;
        } else {
          h.tag("td").el("span", shown, "class", "mono").end();
        }
      }
      h.tag("td").tag("div", "class", "actions");
      h.link(Layout.url("tables", t.name(), "items", "create") + "?from=" + keyParam, "Duplicate",
          "aria-label", "Duplicate item " + describe);
      h.link(Layout.url("tables", t.name(), "items", "delete") + "?key=" + keyParam, "Delete",
          "aria-label", "Delete item " + describe);
      h.end().end();
      h.end();
    }
    h.end().end().end();
  }

  /** A value as a cell shows it: strings and numbers as they are, the rest as DynamoDB JSON. */
  static String shown(AttributeValue v) {
    if (v instanceof AttributeValue.S s) {
      return s.value();
    }
    if (v instanceof AttributeValue.N n) {
      return n.text();
    }
    return ItemJson.write(v);
  }

  private static void pager(Html h, Exchange x, Table t, Reads.Page page) {
    h.tag("div", "class", "actions");
    if (x.param("start") != null) {
      h.link(pageUrl(x, t, null), "First page");
    }
    if (page.lastEvaluatedKey() != null) {
      h.link(pageUrl(x, t, ItemJson.keyParam(page.lastEvaluatedKey())), "Next page", "rel", "next");
    }
    h.end();
  }

  private static String pageUrl(Exchange x, Table t, String start) {
    StringBuilder url = new StringBuilder(Layout.url("tables", t.name(), "items")).append('?');
    for (Map.Entry<String, List<String>> e : x.request().query().entrySet()) {
      if (e.getKey().equals("start")) {
        continue;
      }
      for (String v : e.getValue()) {
        url.append(Layout.encode(e.getKey())).append('=').append(Layout.encode(v)).append('&');
      }
    }
    if (start != null) {
      url.append("start=").append(start);
    }
    return url.toString();
  }

  static int parse(String n) {
    try {
      return Integer.parseInt(n);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
