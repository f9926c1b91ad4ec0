package dev.streambed.console.tables;

import dev.streambed.console.Services;
import dev.streambed.console.Topics;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.dynamodb.table.KeySchema;
import dev.streambed.dynamodb.table.SecondaryIndex;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableRef;
import dev.streambed.dynamodb.table.Tables;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import java.time.Instant;
import java.util.List;

/** A table's overview and its indexes, and deleting it. */
public final class TablePage {
  private final Services services;
  private final Layout layout;

  public TablePage(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  Table table(Exchange x) {
    return services.dynamoDb().tables().catalog().describe(new TableRef(x.account(), x.region(), x.path("table")));
  }

  public WebResponse overview(Exchange x) {
    return overview(x, table(x), null);
  }

  private WebResponse overview(Exchange x, Table t, AwsException error) {
    Tables.Usage usage = services.dynamoDb().tables().usage(t);
    return layout.render(x, TableTabs.page(t.name(), "").error(error).live(Topics.table(t.name()), Topics.items(t.name())), h -> {
      TableTabs.render(h, t.name(), "");
      h.tag("section", "data-live", "overview");
      h.el("h2", "General information");
      h.tag("dl", "class", "facts");
      fact(h, "Partition key", t.keySchema().hashName() + " (" + t.keySchema().hashType().name() + ")");
      fact(h, "Sort key", t.keySchema().hasRange() ? t.keySchema().rangeName() + " (" + t.keySchema().rangeType().name() + ")" : "-");
      fact(h, "Status", "Active");
      fact(h, "Capacity mode", t.isOnDemand() ? "On-demand" : "Provisioned (" + t.throughput().readUnits()
          + " read, " + t.throughput().writeUnits() + " write units)");
      fact(h, "Item count", Long.toString(usage.itemCount()));
      fact(h, "Table size", usage.sizeBytes() + " bytes");
      fact(h, "Stream", t.stream().enabled() ? t.stream().viewType() : "Off");
      fact(h, "Created", Instant.ofEpochMilli(t.createdMillis()).toString());
      fact(h, "Amazon Resource Name (ARN)", t.arn());
      h.end();
      h.end();
      h.el("h2", "Delete table");
      h.el("p", "Deleting the table deletes its items, its indexes and its stream's triggers' source.");
      Forms.open(h, x, Layout.url("tables", t.name(), "delete"), "class", "inline");
      Forms.checkbox(h, "Yes, delete " + t.name() + " and all of its items", "confirm", false);
      h.el("button", "Delete table", "type", "submit", "class", "danger");
      h.end();
    });
  }

  public WebResponse delete(Exchange x) {
    Table t = table(x);
    if (x.param("confirm") == null) {
      return overview(x, t, AwsException.validation("Tick the box to confirm that the table is to be deleted."));
    }
    try {
      services.dynamoDb().tables().delete(new TableRef(x.account(), x.region(), t.name()));
    } catch (AwsException e) {
      return overview(x, t, e);
    }
    x.flash("Table " + t.name() + " was deleted.");
    return Layout.redirect(Layout.url("tables"));
  }

  public WebResponse indexes(Exchange x) {
    Table t = table(x);
    Tables.Usage usage = services.dynamoDb().tables().usage(t);
    return layout.render(x, TableTabs.page(t.name(), "indexes").live(Topics.table(t.name())), h -> {
      TableTabs.render(h, t.name(), "indexes");
      h.tag("section", "data-live", "indexes");
      for (boolean global : List.of(true, false)) {
        h.el("h2", global ? "Global secondary indexes" : "Local secondary indexes");
        List<SecondaryIndex> list = t.indexes().stream().filter(i -> i.global() == global).toList();
        if (list.isEmpty()) {
          h.el("p", "None.", "class", "empty");
          continue;
        }
        h.tag("div", "class", "table-wrap").tag("table").tag("thead").tag("tr");
        for (String c : List.of("Name", "Status", "Partition key", "Sort key", "Projected attributes", "Items")) {
          h.el("th", c, "scope", "col");
        }
        h.end().end().tag("tbody");
        for (SecondaryIndex i : list) {
          KeySchema k = i.keySchema();
          Tables.Usage u = usage.indexes().get(i.name());
          String status = i.backfill() == SecondaryIndex.Backfill.BACKFILLING ? "Creating (backfilling)" : "Active";
          h.tag("tr").el("td", i.name()).el("td", status).el("td", k.hashName() + " (" + k.hashType().name() + ")")
              .el("td", k.hasRange() ? k.rangeName() + " (" + k.rangeType().name() + ")" : "-")
              .el("td", i.projectionType().equals("INCLUDE") ? "INCLUDE: " + String.join(", ", i.nonKeyAttributes())
                  : i.projectionType())
              .el("td", u == null ? "0" : Long.toString(u.itemCount())).end();
        }
        h.end().end().end();
      }
      h.end();
    });
  }

  static void fact(Html h, String name, String value) {
    h.el("dt", name).el("dd", value);
  }
}
