package dev.streambed.console.triggers;

import dev.streambed.console.Services;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.dynamodb.table.Table;
import dev.streambed.dynamodb.table.TableRef;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.lambda.FunctionConfig;
import dev.streambed.lambda.esm.EventSourceMappings;
import dev.streambed.lambda.esm.MappingConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Adding a trigger (CreateEventSourceMapping from a table's stream) with its batch, position,
 * retry and failure settings, and enabling, disabling or deleting one. The mapping's own checks
 * apply: a role that cannot read the stream gets AWS's refusal, shown as AWS words it.
 */
public final class TriggerPages {
  private final Services services;
  private final Layout layout;

  public TriggerPages(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  public WebResponse form(Exchange x) {
    return form(x, null);
  }

  private WebResponse form(Exchange x, AwsException error) {
    String function = x.value("function");
    Layout.Page page = new Layout.Page("Add trigger").section("/functions").error(error);
    page = function == null ? page.crumbs(new Layout.Crumb("Functions", Layout.url("functions")))
        : page.crumbs(new Layout.Crumb("Functions", Layout.url("functions")),
            new Layout.Crumb(function, Layout.url("functions", function, "triggers")));
    List<Forms.Option> functions = services.functions().list(x.account(), x.region()).stream()
        .map(FunctionConfig::name).sorted().map(Forms.Option::of).toList();
    List<Forms.Option> tables = new ArrayList<>();
    for (String name : services.dynamoDb().tables().catalog().names(x.account(), x.region())) {
      Table t = services.dynamoDb().tables().catalog().find(new TableRef(x.account(), x.region(), name));
      if (t != null) {
        tables.add(new Forms.Option(name, name + (t.stream().enabled() ? " (stream: " + t.stream().viewType() + ")"
            : " (no stream)")));
      }
    }
    return layout.render(x, page, h -> {
      // The ranges are the hints' and the mapping's to enforce: AWS's words, not the browser's.
      Forms.open(h, x, Layout.url("triggers", "create"), "class", "panel", "novalidate", Html.BARE);
      h.el("h2", "Trigger configuration");
      Forms.select(h, "Function", "function", functions, function);
      h.el("p", "Source: DynamoDB", "class", "hint");
      Forms.select(h, "DynamoDB table", "table", tables, x.value("table"));
      Forms.number(h, "Batch size", "batchSize", or(x.value("batchSize"), "100"),
          "The largest number of records in one batch, from 1 to 10000.", "min", "1", "max", "10000");
      Forms.radios(h, "Starting position", "startingPosition", List.of(
          new Forms.Option("LATEST", "Latest: only records written from now on"),
          new Forms.Option("TRIM_HORIZON", "Trim horizon: every record still in the stream")),
          or(x.value("startingPosition"), "LATEST"));
      Forms.number(h, "Batch window (seconds)", "window", or(x.value("window"), "0"),
          "How long to gather records before invoking, from 0 to 300.", "min", "0", "max", "300");
      h.el("h3", "Additional settings");
      Forms.number(h, "Retry attempts", "retries", or(x.value("retries"), "-1"),
          "-1 retries until the record expires.", "min", "-1", "max", "10000");
      Forms.number(h, "Maximum age of record (seconds)", "maxAge", or(x.value("maxAge"), "-1"),
          "-1 for no limit, else 60 to 604800.", "min", "-1", "max", "604800");
      Forms.checkbox(h, "Split batch on error", "bisect", x.param("bisect") != null);
      Forms.checkbox(h, "Report batch item failures", "reportFailures", x.param("reportFailures") != null);
      Forms.text(h, "On-failure destination (optional)", "onFailure", x.param("onFailure"),
          "The ARN of an SQS queue or SNS topic for records given up on.", "autocomplete", "off");
      Forms.text(h, "Filter pattern (optional)", "filter", x.param("filter"),
          "A JSON filter pattern, such as {\"eventName\": [\"INSERT\"]}.", "autocomplete", "off");
      Forms.checkbox(h, "Activate trigger", "enabled", x.param("_csrf") == null || x.param("enabled") != null);
      Forms.submit(h, "Add");
      h.end();
    });
  }

  public WebResponse create(Exchange x) {
    String function = x.value("function");
    try {
      String tableName = x.value("table");
      if (tableName == null) {
        throw AwsException.validation("Choose a DynamoDB table.");
      }
      Table t = services.dynamoDb().tables().catalog().describe(new TableRef(x.account(), x.region(), tableName));
      if (!t.stream().enabled()) {
        throw AwsException.validation("The table " + tableName + " has no stream: turn it on in its "
            + "Exports and streams tab first.");
      }
      String filter = x.value("filter");
      services.mappings().create(x.account(), x.region(), new EventSourceMappings.Settings(function,
          t.latestStreamArn(), number(x, "batchSize"), number(x, "window"), x.value("startingPosition"), null,
          number(x, "retries"), number(x, "maxAge"), x.param("bisect") != null, null,
          x.param("reportFailures") != null ? List.of("ReportBatchItemFailures") : null,
          filter == null ? null : List.of(filter), x.value("onFailure"), x.param("enabled") != null));
    } catch (AwsException e) {
      return form(x, e);
    }
    x.flash("The trigger was added to " + function + ".");
    return Layout.redirect(Layout.url("functions", function, "triggers"));
  }

  public WebResponse enable(Exchange x) {
    return change(x, true);
  }

  public WebResponse disable(Exchange x) {
    return change(x, false);
  }

  private WebResponse change(Exchange x, boolean enabled) {
    MappingConfig m = services.mappings().update(x.path("uuid"), new EventSourceMappings.Settings(null, null, null,
        null, null, null, null, null, null, null, null, null, null, enabled));
    x.flash("The trigger of " + TriggerTable.functionName(m) + " on " + TriggerTable.tableName(m.eventSourceArn())
        + " is " + (enabled ? "enabled." : "disabled."));
    return Layout.redirect(back(x));
  }

  public WebResponse delete(Exchange x) {
    MappingConfig m = services.mappings().delete(x.path("uuid"));
    x.flash("The trigger of " + TriggerTable.functionName(m) + " on " + TriggerTable.tableName(m.eventSourceArn())
        + " was deleted.");
    return Layout.redirect(back(x));
  }

  /** Where an action returns to: a page of the console, never another site. */
  private static String back(Exchange x) {
    String back = x.param("back");
    return back != null && back.startsWith(Layout.ROOT + "/") && !back.startsWith("//") && !back.contains("\\")
        ? back : Layout.ROOT + "/functions";
  }

  private static Integer number(Exchange x, String name) {
    String v = x.value(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw AwsException.validation("The value of " + name + " must be a whole number.");
    }
  }

  private static String or(String v, String otherwise) {
    return v == null ? otherwise : v;
  }

}
