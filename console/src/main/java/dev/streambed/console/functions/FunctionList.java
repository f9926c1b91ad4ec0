package dev.streambed.console.functions;

import dev.streambed.console.Services;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Layout;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.lambda.FunctionConfig;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The functions of the account and region. */
public final class FunctionList {
  private final Services services;
  private final Layout layout;

  public FunctionList(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  public WebResponse list(Exchange x) {
    List<FunctionConfig> functions = services.functions().list(x.account(), x.region()).stream()
        .sorted(Comparator.comparing(FunctionConfig::name)).toList();
    return layout.render(x, new Layout.Page("Functions").section("/functions"), h -> {
      h.tag("div", "class", "actions").link(Layout.url("functions", "create"), "Create function", "class", "button primary").end();
      if (functions.isEmpty()) {
        h.el("p", "No functions yet.", "class", "empty");
        return;
      }
      h.tag("div", "class", "table-wrap").tag("table").tag("thead").tag("tr");
      for (String c : List.of("Function name", "Runtime", "Handler", "Code size", "Last modified")) {
        h.el("th", c, "scope", "col");
      }
      h.end().end().tag("tbody");
      for (FunctionConfig f : functions) {
        h.tag("tr").tag("td").link(Layout.url("functions", f.name()), f.name()).end()
            .el("td", f.runtime()).el("td", f.handler()).el("td", f.codeSize() + " bytes")
            .el("td", Instant.ofEpochMilli(f.lastModifiedMillis()).toString()).end();
      }
      h.end().end().end();
    });
  }
}
