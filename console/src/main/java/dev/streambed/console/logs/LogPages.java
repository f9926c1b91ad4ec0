package dev.streambed.console.logs;

import dev.streambed.console.Services;
import dev.streambed.console.Topics;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Html;
import dev.streambed.console.web.Layout;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.filter.FilterPattern;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.stream.LogStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * CloudWatch Logs: log groups, a group's streams by their last event, a stream's events, and
 * filtering with the filter pattern language (FilterLogEvents' own matcher). Every view follows
 * new events as they are stored; {@link LiveTail} streams them one by one.
 */
public final class LogPages {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final int MAX_EVENTS = 10_000;
  private final Services services;
  private final Layout layout;

  public LogPages(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  public WebResponse groups(Exchange x) {
    String prefix = x.value("prefix");
    List<LogGroup> groups = services.logs().groups().list(x.account(), x.region(), prefix, null, null, 1000).groups();
    return layout.render(x, new Layout.Page("Log groups").section("/logs").live(Topics.LOGS), h -> {
      h.tag("form", "method", "get", "action", Layout.url("logs"), "role", "search", "class", "row");
      Forms.input(h, "Log group name starts with", "search", "prefix", prefix, null, "placeholder", "/aws/lambda/");
      h.tag("div", "class", "field").el("button", "Search", "type", "submit").end();
      h.end();
      h.tag("div", "data-live", "groups");
      if (groups.isEmpty()) {
        h.el("p", "No log groups. A function's group appears with its first invocation.", "class", "empty");
      } else {
        h.tag("div", "class", "table-wrap").tag("table").tag("thead").tag("tr");
        for (String c : List.of("Log group", "Retention", "Created")) {
          h.el("th", c, "scope", "col");
        }
        h.end().end().tag("tbody");
        for (LogGroup g : groups) {
          h.tag("tr").tag("td").link(groupUrl(g.ref().name()), g.ref().name()).end()
              .el("td", g.retentionInDays() == null ? "Never expire" : g.retentionInDays() + " days")
              .el("td", TIME.format(Instant.ofEpochMilli(g.creationTime()))).end();
        }
        h.end().end().end();
      }
      h.end();
    });
  }

  static String groupUrl(String group) {
    return Layout.url("logs", "group") + "?name=" + Layout.encode(group);
  }

  static String streamUrl(String group, String stream) {
    return Layout.url("logs", "stream") + "?group=" + Layout.encode(group) + "&name=" + Layout.encode(stream);
  }

  LogGroup group(Exchange x, String name) {
    if (name == null) {
      throw AwsException.validation("No log group was named.");
    }
    return services.logs().groups().require(new GroupRef(x.account(), x.region(), name));
  }

  public WebResponse group(Exchange x) {
    LogGroup g = group(x, x.param("name"));
    String name = g.ref().name();
    String filter = x.param("filter");
    AwsException error = null;
    List<StoredEvent> found = null;
    List<LogStream> streams = services.logs().streams().byLastEventTime(g, true);
    if (filter != null) {
      try {
        FilterPattern pattern = FilterPattern.parse(filter);
        found = services.logs().filter().filter(g, streams.stream().map(LogStream::name).toList(), null, null,
            pattern, MAX_EVENTS, null).events();
      } catch (AwsException e) {
        error = e;
      }
    }
    List<StoredEvent> matches = found;
    Layout.Page page = new Layout.Page(name).section("/logs").error(error).live(Topics.logGroup(name))
        .crumbs(new Layout.Crumb("Log groups", Layout.url("logs")));
    return layout.render(x, page, h -> {
      h.tag("div", "class", "actions");
      h.link(Layout.url("logs", "tail") + "?group=" + Layout.encode(name), "Start live tail", "class", "button primary");
      h.end();
      filterForm(h, Layout.url("logs", "group"), "name", name, filter, "Search all log streams");
      h.tag("div", "data-live", "streams");
      if (matches != null) {
        h.el("h2", "Events matching the filter (" + matches.size() + ")");
        events(h, matches, true);
      }
      h.el("h2", "Log streams (" + streams.size() + ")");
      if (streams.isEmpty()) {
        h.el("p", "No log streams.", "class", "empty");
      } else {
        h.tag("div", "class", "table-wrap").tag("table", "class", "streams").tag("thead").tag("tr");
        h.el("th", "Log stream", "scope", "col").el("th", "Last event time", "scope", "col");
        h.end().end().tag("tbody");
        for (LogStream s : streams) {
          h.tag("tr").tag("td").link(streamUrl(name, s.name()), s.name()).end()
              .el("td", s.lastEventTimestamp() == null ? "-" : TIME.format(Instant.ofEpochMilli(s.lastEventTimestamp())))
              .end();
        }
        h.end().end().end();
      }
      h.end();
    });
  }

  public WebResponse stream(Exchange x) {
    LogGroup g = group(x, x.param("group"));
    String group = g.ref().name();
    String stream = x.param("name");
    String filter = x.param("filter");
    if (stream == null) {
      throw AwsException.validation("No log stream was named.");
    }
    services.logs().streams().require(g, stream);
    AwsException error = null;
    List<StoredEvent> events = List.of();
    try {
      events = filter == null || filter.isBlank()
          ? services.logs().events().get(g, stream, null, null, true, MAX_EVENTS, null).events()
          : services.logs().filter().filter(g, List.of(stream), null, null, FilterPattern.parse(filter), MAX_EVENTS, null)
              .events();
    } catch (AwsException e) {
      error = e;
    }
    List<StoredEvent> shown = events;
    Layout.Page page = new Layout.Page(stream).section("/logs").error(error).live(Topics.logGroup(group))
        .crumbs(new Layout.Crumb("Log groups", Layout.url("logs")), new Layout.Crumb(group, groupUrl(group)));
    return layout.render(x, page, h -> {
      h.tag("form", "method", "get", "action", Layout.url("logs", "stream"), "role", "search", "class", "row");
      h.tag("input", "type", "hidden", "name", "group", "value", group);
      filterFields(h, "name", stream, filter, "Filter events");
      h.end();
      h.tag("div", "data-live", "events");
      h.el("h2", "Log events (" + shown.size() + ")");
      events(h, shown, false);
      h.end();
    });
  }

  private static void filterForm(Html h, String action, String param, String value, String filter, String label) {
    h.tag("form", "method", "get", "action", action, "role", "search", "class", "row");
    filterFields(h, param, value, filter, label);
    h.end();
  }

  private static void filterFields(Html h, String param, String value, String filter, String label) {
    h.tag("input", "type", "hidden", "name", param, "value", value);
    Forms.input(h, label, "search", "filter", filter, "A filter pattern: terms (ERROR), \"a phrase\", "
        + "{ $.field = \"x\" } or %regular expression%.", "placeholder", "Filter pattern");
    h.tag("div", "class", "field").el("button", "Filter", "type", "submit").end();
  }

  /** Events, oldest first: their time and message (and the stream, when several are shown). */
  static void events(Html h, List<StoredEvent> events, boolean withStream) {
    if (events.isEmpty()) {
      h.el("p", "No events.", "class", "empty");
      return;
    }
    h.tag("ol", "class", "events");
    for (StoredEvent e : events) {
      h.tag("li");
      h.el("time", TIME.format(Instant.ofEpochMilli(e.timestamp())), "datetime", Instant.ofEpochMilli(e.timestamp()).toString());
      if (withStream) {
        h.el("span", e.streamName(), "class", "stream");
      }
      h.el("pre", e.message());
      h.end();
    }
    h.end();
  }
}
