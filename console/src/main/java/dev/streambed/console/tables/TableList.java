package dev.streambed.console.tables;

import dev.streambed.console.Services;
import dev.streambed.console.Topics;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.dynamodb.table.CreateTableRequest;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableNames;
import dev.streambed.dynamodb.table.TableRef;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import java.util.ArrayList;
import java.util.List;

/** The tables of the account and region, and the form that creates one. */
public final class TableList {
  static final List<Forms.Option> KEY_TYPES = List.of(new Forms.Option("S", "String"),
      new Forms.Option("N", "Number"), new Forms.Option("B", "Binary"));
  static final List<Forms.Option> VIEW_TYPES = List.of(
      new Forms.Option("KEYS_ONLY", "Key attributes only"),
      new Forms.Option("NEW_IMAGE", "New image: the entire item, as it appears after it was modified"),
      new Forms.Option("OLD_IMAGE", "Old image: the entire item, as it appeared before it was modified"),
      new Forms.Option("NEW_AND_OLD_IMAGES", "New and old images: both the new and the old images of the item"));

  private final Services services;
  private final Layout layout;

  public TableList(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  public WebResponse list(Exchange x) {
    List<String> names = services.dynamoDb().tables().catalog().names(x.account(), x.region());
    return layout.render(x, new Layout.Page("Tables").section("/tables").live(Topics.TABLES), h -> {
      h.tag("div", "class", "actions").link(Layout.url("tables", "create"), "Create table", "class", "button primary").end();
      h.tag("div", "data-live", "tables");
      if (names.isEmpty()) {
        h.el("p", "No tables yet.", "class", "empty");
      } else {
        h.tag("div", "class", "table-wrap").tag("table");
        h.tag("thead").tag("tr");
        for (String c : List.of("Name", "Status", "Partition key", "Sort key", "Stream", "Indexes")) {
          h.el("th", c, "scope", "col");
        }
        h.end().end().tag("tbody");
        for (String name : names) {
          Table t = services.dynamoDb().tables().catalog().find(new TableRef(x.account(), x.region(), name));
          if (t == null) {
            continue;
          }
          h.tag("tr");
          h.tag("td").link(Layout.url("tables", name), name).end();
          h.el("td", "Active");
          h.el("td", key(t.keySchema().hashName(), t.keySchema().hashType().name()));
          h.el("td", t.keySchema().hasRange() ? key(t.keySchema().rangeName(), t.keySchema().rangeType().name()) : "-");
          h.el("td", t.stream().enabled() ? t.stream().viewType() : "Off");
          h.el("td", Integer.toString(t.indexes().size()));
          h.end();
        }
        h.end().end().end();
      }
      h.end();
    });
  }

  private static String key(String name, String type) {
    return name + " (" + type + ")";
  }

  public WebResponse createForm(Exchange x) {
    return form(x, null);
  }

  public WebResponse create(Exchange x) {
    String name = x.value("name");
    try {
      TableNames.check(name);
      List<CreateTableRequest.KeyElement> keys = new ArrayList<>();
      List<Table.AttributeDefinition> definitions = new ArrayList<>();
      String hash = x.value("hash");
      keys.add(new CreateTableRequest.KeyElement(hash, "HASH"));
      definitions.add(new Table.AttributeDefinition(hash, x.value("hashType")));
      String range = x.value("range");
      if (range != null) {
        keys.add(new CreateTableRequest.KeyElement(range, "RANGE"));
        definitions.add(new Table.AttributeDefinition(range, x.value("rangeType")));
      }
      if (hash == null) {
        throw AwsException.validation("1 validation error detected: Value null at 'keySchema.1.member.attributeName' "
            + "failed to satisfy constraint: Member must not be null");
      }
      boolean stream = x.param("stream") != null;
      String billing = "PROVISIONED".equals(x.value("billing")) ? "PROVISIONED" : "PAY_PER_REQUEST";
      Long read = billing.equals("PROVISIONED") ? number(x.value("read")) : null;
      Long write = billing.equals("PROVISIONED") ? number(x.value("write")) : null;
      services.dynamoDb().tables().create(x.account(), x.region(), new CreateTableRequest(name, keys, definitions,
          billing, read, write, billing.equals("PROVISIONED"), stream ? Boolean.TRUE : null,
          stream ? x.value("viewType") : null, null, null, null, null, null, null));
    } catch (AwsException e) {
      return form(x, e);
    }
    x.flash("Table " + name + " was created.");
    return Layout.redirect(Layout.url("tables", name));
  }

  private static Long number(String text) {
    try {
      return text == null ? null : Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw AwsException.validation("Capacity units must be whole numbers.");
    }
  }

  private WebResponse form(Exchange x, AwsException error) {
    Layout.Page page = new Layout.Page("Create table").section("/tables").error(error)
        .crumbs(new Layout.Crumb("Tables", Layout.url("tables")));
    return layout.render(x, page, h -> {
      Forms.open(h, x, Layout.url("tables", "create"), "class", "panel");
      h.el("h2", "Table details");
      Forms.text(h, "Table name", "name", x.param("name"),
          "Between 3 and 255 characters: letters, digits, underscores (_), hyphens (-) and dots (.).",
          "required", Html.BARE, "autocomplete", "off");
      h.tag("div", "class", "row");
      Forms.text(h, "Partition key", "hash", x.param("hash"), "The name of the partition key attribute.",
          "required", Html.BARE, "autocomplete", "off");
      Forms.select(h, "Partition key type", "hashType", KEY_TYPES, or(x.param("hashType"), "S"));
      h.end();
      h.tag("div", "class", "row");
      Forms.text(h, "Sort key (optional)", "range", x.param("range"), "Leave empty for a table without a sort key.",
          "autocomplete", "off");
      Forms.select(h, "Sort key type", "rangeType", KEY_TYPES, or(x.param("rangeType"), "S"));
      h.end();
      h.el("h2", "Capacity");
      Forms.radios(h, "Capacity mode", "billing", List.of(new Forms.Option("PAY_PER_REQUEST", "On-demand"),
          new Forms.Option("PROVISIONED", "Provisioned")), or(x.param("billing"), "PAY_PER_REQUEST"));
      h.tag("div", "class", "row");
      Forms.number(h, "Read capacity units (provisioned)", "read", or(x.param("read"), "5"), null, "min", "1");
      Forms.number(h, "Write capacity units (provisioned)", "write", or(x.param("write"), "5"), null, "min", "1");
      h.end();
      h.el("h2", "DynamoDB stream");
      Forms.checkbox(h, "Turn on a stream of item changes", "stream", x.param("stream") != null);
      Forms.radios(h, "View type", "viewType", VIEW_TYPES, or(x.param("viewType"), "NEW_AND_OLD_IMAGES"));
      Forms.submit(h, "Create table");
      h.end();
    });
  }

  static String or(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }
}
