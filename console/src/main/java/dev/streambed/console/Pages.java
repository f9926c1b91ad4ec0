package dev.streambed.console;

import dev.streambed.console.home.HomePage;
import dev.streambed.console.web.Layout;
import dev.streambed.console.web.Router;

/** The console's pages and actions, by path. */
final class Pages {
  private Pages() {}

  static void register(Router r, Services s, Layout layout) {
    HomePage home = new HomePage(s, layout);
    r.get("/", home::show);
  }
}
