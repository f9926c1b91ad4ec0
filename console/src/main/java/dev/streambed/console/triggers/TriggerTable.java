package dev.streambed.console.triggers;

import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.lambda.esm.MappingConfig;
import java.util.List;

/** Triggers (event source mappings) as a table, with their actions; on a table's page and a function's. */
public final class TriggerTable {
  private TriggerTable() {}

  /** The function's name in a mapping's function ARN (which may carry a qualifier). */
  public static String functionName(MappingConfig m) {
    String[] parts = m.functionArn().split(":");
    return parts.length > 6 ? parts[6] : m.functionArn();
  }

  /** The table's name in a stream ARN. */
  public static String tableName(String streamArn) {
    int t = streamArn.indexOf(":table/");
    int s = streamArn.indexOf("/stream/");
    return t < 0 || s < t ? streamArn : streamArn.substring(t + ":table/".length(), s);
  }

  /** Renders the mappings; {@code back} is where each action returns to. */
  public static void render(Html h, Exchange x, List<MappingConfig> mappings, boolean showFunction, String back) {
    if (mappings.isEmpty()) {
      h.el("p", "No triggers.", "class", "empty");
      return;
    }
    h.tag("div", "class", "table-wrap").tag("table", "class", "triggers").tag("thead").tag("tr");
    for (String c : List.of(showFunction ? "Function" : "Source table", "State", "Batch size", "Starting position",
        "Batching window", "Last processing result", "Actions")) {
      h.el("th", c, "scope", "col");
    }
    h.end().end().tag("tbody");
    for (MappingConfig m : mappings) {
      h.tag("tr", "data-uuid", m.uuid());
      if (showFunction) {
        h.tag("td").link(Layout.url("functions", functionName(m)), functionName(m)).end();
      } else {
        String table = tableName(m.eventSourceArn());
        h.tag("td").link(Layout.url("tables", table, "streams"), table).end();
      }
      h.tag("td").el("span", m.settledState(), "class", "badge " + (m.enabled() ? "on" : "off")).end();
      h.el("td", Integer.toString(m.batchSize()));
      h.el("td", m.startingPosition());
      h.el("td", m.maximumBatchingWindowInSeconds() + " s");
      h.el("td", m.lastProcessingResult());
      h.tag("td").tag("div", "class", "actions");
      String base = Layout.url("triggers", m.uuid());
      String label = showFunction ? functionName(m) : tableName(m.eventSourceArn());
      if (m.enabled()) {
        action(h, x, base + "/disable", back, "Disable", "Disable trigger " + label);
      } else {
        action(h, x, base + "/enable", back, "Enable", "Enable trigger " + label);
      }
      action(h, x, base + "/delete", back, "Delete", "Delete trigger " + label);
      h.end().end();
      h.end();
    }
    h.end().end().end();
  }

  private static void action(Html h, Exchange x, String action, String back, String text, String label) {
    Forms.open(h, x, action, "class", "inline");
    h.tag("input", "type", "hidden", "name", "back", "value", back);
    h.el("button", text, "type", "submit", "aria-label", label, "class", text.equals("Delete") ? "danger" : null);
    h.end();
  }
}
