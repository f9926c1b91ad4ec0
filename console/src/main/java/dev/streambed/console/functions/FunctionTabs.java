package dev.streambed.console.functions;

import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import java.util.List;

/** The tabs of a function's page. */
final class FunctionTabs {
  private static final List<String[]> TABS = List.of(new String[] {"Code", ""}, new String[] {"Test", "test"},
      new String[] {"Configuration", "configuration"}, new String[] {"Triggers", "triggers"});

  private FunctionTabs() {}

  static void render(Html h, String function, String current) {
    h.tag("nav", "class", "tabs", "aria-label", "Function").tag("ul");
    for (String[] t : TABS) {
      String href = t[1].isEmpty() ? Layout.url("functions", function) : Layout.url("functions", function, t[1]);
      h.tag("li").link(href, t[0], "aria-current", current.equals(t[1]) ? "page" : null).end();
    }
    h.end().end();
  }

  static Layout.Page page(String function) {
    return new Layout.Page(function).section("/functions").crumbs(new Layout.Crumb("Functions", Layout.url("functions")));
  }
}
