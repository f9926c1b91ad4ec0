package dev.streambed.console.web;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The frame of every page: the service menu, breadcrumbs, the heading, the message left by the
 * last action, and the connection to {@link Changes} that keeps the page's live parts current.
 */
public final class Layout {
  public static final String ROOT = "/console";
  private static final List<String[]> MENU = List.of(new String[] {"Tables", "/tables"},
      new String[] {"Functions", "/functions"}, new String[] {"Roles", "/roles"}, new String[] {"Logs", "/logs"});

  private final Changes changes;

  public Layout(Changes changes) {
    this.changes = changes;
  }

  /** A link in the breadcrumb trail. */
  public record Crumb(String text, String href) {}

  /** What a page is: its title, where it sits, what it listens to, and its content. */
  public static final class Page {
    private final String title;
    private String section = "";
    private Crumb[] crumbs = new Crumb[0];
    private List<String> topics = List.of();
    private AwsException error;
    private int status = 200;

    public Page(String title) {
      this.title = title;
    }

    /** The menu entry the page belongs to ("/tables"). */
    public Page section(String path) {
      this.section = path;
      return this;
    }

    public Page crumbs(Crumb... trail) {
      this.crumbs = trail;
      return this;
    }

    /** The {@link Changes} topics whose changes reload the page's live parts. */
    public Page live(String... topicNames) {
      this.topics = List.of(topicNames);
      return this;
    }

    public Page status(int code) {
      this.status = code;
      return this;
    }

    /** An error to show above the content: AWS's code and message, as the API answers them. */
    public Page error(AwsException e) {
      this.error = e;
      this.status = e == null ? 200 : 400;
      return this;
    }
  }

  public WebResponse render(Exchange x, Page page, Consumer<Html> content) {
    Html h = new Html();
    h.raw("<!DOCTYPE html>");
    h.tag("html", "lang", "en").tag("head");
    h.tag("meta", "charset", "utf-8");
    h.tag("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    h.el("title", page.title + " | Streambed console");
    h.tag("link", "rel", "stylesheet", "href", ROOT + "/static/console.css");
    h.tag("script", "src", ROOT + "/static/console.js", "defer", Html.BARE).end();
    h.end();
    String events = null;
    if (!page.topics.isEmpty()) {
      StringBuilder url = new StringBuilder(ROOT + "/events?since=" + changes.version());
      for (String t : page.topics) {
        url.append("&topic=").append(encode(t));
      }
      events = url.toString();
    }
    h.tag("body", "data-events", events);
    h.link("#main", "Skip to content", "class", "skip");
    h.tag("header", "class", "top");
    h.link(ROOT + "/", "Streambed", "class", "brand");
    h.tag("nav", "aria-label", "Services").tag("ul");
    for (String[] m : MENU) {
      h.tag("li").link(ROOT + m[1], m[0], "aria-current", m[1].equals(page.section) ? "page" : null).end();
    }
    h.end().end();
    h.el("span", x.region(), "class", "region", "title", "Region");
    if (x.who() != null) {
      h.el("span", x.who(), "class", "who", "title", "Signed in as");
      Forms.button(h, x, ROOT + "/logout", "Sign out");
    }
    h.end();
    if (page.crumbs.length > 0) {
      h.tag("nav", "aria-label", "Breadcrumb", "class", "crumbs").tag("ol");
      for (Crumb c : page.crumbs) {
        h.tag("li").link(c.href(), c.text()).end();
      }
      h.el("li", page.title, "aria-current", "page");
      h.end().end();
    }
    h.tag("main", "id", "main");
    h.el("h1", page.title);
    String flash = x.request().header("x-console-refresh") == null ? x.takeFlash() : null;
    if (flash != null) {
      h.el("p", flash, "class", "flash", "role", "status");
    }
    if (page.error != null) {
      errorBox(h, page.error);
    }
    content.accept(h);
    h.end();
    h.end().end();
    return WebResponse.of(page.status, "text/html; charset=utf-8", headers(), h.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** AWS's error code and message, as a user of the API would read them. */
  public static void errorBox(Html h, AwsException e) {
    h.tag("div", "class", "error", "role", "alert");
    h.el("strong", e.errorCode().code()).text(": ").text(e.getMessage());
    h.end();
  }

  /** Headers of every page: nothing cached, nothing framed, no script but the console's own. */
  public static Map<String, String> headers() {
    return Map.of("Cache-Control", "no-store",
        "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
        "X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY", "Referrer-Policy", "same-origin");
  }

  public static WebResponse redirect(String location) {
    return WebResponse.of(303, "text/plain; charset=utf-8", Map.of("Location", location, "Cache-Control", "no-store"),
        new byte[0]);
  }

  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A path segment of the console's URLs. */
  public static String url(String... segments) {
    StringBuilder b = new StringBuilder(ROOT);
    for (String s : segments) {
      b.append('/').append(encode(s));
    }
    return b.toString();
  }
}
