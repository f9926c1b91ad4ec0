package dev.streambed.console.tables;

import dev.streambed.console.Services;
import dev.streambed.console.Topics;
import dev.streambed.console.triggers.TriggerTable;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Layout;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableRef;
import dev.streambed.dynamodb.table.UpdateTableRequest;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.lambda.esm.MappingConfig;
import java.util.List;

/**
 * The "Exports and streams" tab: the table's stream, turned on with one of the four view types
 * or off (UpdateTable's StreamSpecification), and the triggers that read it.
 */
public final class StreamTab {
  private final Services services;
  private final Layout layout;
  private final TablePage tables;

  public StreamTab(Services services, Layout layout, TablePage tables) {
    this.services = services;
    this.layout = layout;
    this.tables = tables;
  }

  public WebResponse show(Exchange x) {
    return show(x, tables.table(x), null);
  }

  private WebResponse show(Exchange x, Table t, AwsException error) {
    String prefix = t.arn() + "/stream/";
    List<MappingConfig> triggers = services.mappings().list(x.account(), x.region(), null, null).stream()
        .filter(m -> m.eventSourceArn().startsWith(prefix)).toList();
    String back = Layout.url("tables", t.name(), "streams");
    Layout.Page page = TableTabs.page(t.name(), "streams").error(error).live(Topics.table(t.name()), Topics.TRIGGERS);
    return layout.render(x, page, h -> {
      TableTabs.render(h, t.name(), "streams");
      h.tag("section", "class", "panel", "data-live", "stream", "aria-labelledby", "stream-heading");
      h.el("h2", "DynamoDB stream details", "id", "stream-heading");
      h.tag("dl", "class", "facts");
      TablePage.fact(h, "Status", t.stream().enabled() ? "On" : "Off");
      TablePage.fact(h, "View type", t.stream().enabled() ? t.stream().viewType() : "-");
      TablePage.fact(h, "Latest stream ARN", t.stream().latestLabel() == null ? "-" : t.latestStreamArn());
      h.end();
      if (t.stream().enabled()) {
        Forms.button(h, x, Layout.url("tables", t.name(), "streams", "disable"), "Turn off");
      } else {
        h.link(Layout.url("tables", t.name(), "streams", "enable"), "Turn on", "class", "button primary");
      }
      h.end();
      h.tag("section", "class", "panel", "aria-labelledby", "triggers-heading");
      h.el("h2", "Triggers", "id", "triggers-heading");
      h.el("p", "Functions invoked with the stream's records.", "class", "hint");
      h.tag("div", "data-live", "triggers");
      TriggerTable.render(h, x, triggers, true, back);
      h.end();
      if (t.stream().enabled()) {
        h.tag("div", "class", "actions")
            .link(Layout.url("triggers", "create") + "?table=" + Layout.encode(t.name()), "Create trigger", "class", "button")
            .end();
      }
      h.end();
    });
  }

  public WebResponse enableForm(Exchange x) {
    return enableForm(x, tables.table(x), null);
  }

  private WebResponse enableForm(Exchange x, Table t, AwsException error) {
    Layout.Page page = new Layout.Page("Turn on DynamoDB stream").section("/tables").error(error)
        .crumbs(new Layout.Crumb("Tables", Layout.url("tables")), new Layout.Crumb(t.name(), Layout.url("tables", t.name(), "streams")));
    return layout.render(x, page, h -> {
      Forms.open(h, x, Layout.url("tables", t.name(), "streams", "enable"), "class", "panel");
      h.el("p", "Choose what each stream record carries about the item that changed.");
      Forms.radios(h, "View type", "viewType", TableList.VIEW_TYPES, TableList.or(x.param("viewType"), "NEW_AND_OLD_IMAGES"));
      Forms.submit(h, "Turn on stream");
      h.end();
    });
  }

  public WebResponse enable(Exchange x) {
    Table t = tables.table(x);
    try {
      update(x, t, true, x.value("viewType"));
    } catch (AwsException e) {
      return enableForm(x, t, e);
    }
    x.flash("The stream of " + t.name() + " is on.");
    return Layout.redirect(Layout.url("tables", t.name(), "streams"));
  }

  public WebResponse disable(Exchange x) {
    Table t = tables.table(x);
    try {
      update(x, t, false, null);
    } catch (AwsException e) {
      return show(x, t, e);
    }
    x.flash("The stream of " + t.name() + " is off.");
    return Layout.redirect(Layout.url("tables", t.name(), "streams"));
  }

  private void update(Exchange x, Table t, boolean enabled, String viewType) {
    services.dynamoDb().tables().update(new TableRef(x.account(), x.region(), t.name()),
        new UpdateTableRequest(t.name(), null, null, null, null, false, enabled, viewType, null, null));
  }
}
