package dev.streambed.console.tables;

import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import java.util.List;

/** The tabs of a table's page, as links: each tab is a page of its own. */
public final class TableTabs {
  private static final List<String[]> TABS = List.of(new String[] {"Overview", ""},
      new String[] {"Items", "items"}, new String[] {"Indexes", "indexes"},
      new String[] {"Exports and streams", "streams"});

  private TableTabs() {}

  public static void render(Html h, String table, String current) {
    h.tag("nav", "class", "tabs", "aria-label", "Table").tag("ul");
    for (String[] t : TABS) {
      String href = t[1].isEmpty() ? Layout.url("tables", table) : Layout.url("tables", table, t[1]);
      h.tag("li").link(href, t[0], "aria-current", t[1].equals(current) ? "page" : null).end();
    }
    h.end().end();
  }

  public static Layout.Page page(String table, String tab) {
    return new Layout.Page(table).section("/tables").crumbs(new Layout.Crumb("Tables", Layout.url("tables")));
  }
}
