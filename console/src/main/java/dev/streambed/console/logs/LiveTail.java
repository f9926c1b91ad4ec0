package dev.streambed.console.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streambed.console.Services;
import dev.streambed.console.web.Exchange;
import dev.streambed.console.web.Forms;
import dev.streambed.console.web.Layout;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebResponse;
import dev.streambed.logs.event.StoredEvent;
import dev.streambed.logs.filter.FilterPattern;
import dev.streambed.logs.group.GroupRef;
import dev.streambed.logs.group.LogGroup;
import dev.streambed.logs.stream.LogStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A live tail of a log group: a page, and a stream of server-sent events carrying each new log
 * event that passes the filter, as the Logs service stores it ({@code Logs.subscribe}: no
 * polling). Events stored since the page was shown, before the stream connected, are sent first.
 */
public final class LiveTail {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Services services;
  private final Layout layout;

  public LiveTail(Services services, Layout layout) {
    this.services = services;
    this.layout = layout;
  }

  public WebResponse page(Exchange x) {
    String group = x.param("group");
    if (group == null) {
      throw AwsException.validation("No log group was named.");
    }
    String filter = x.param("filter") == null ? "" : x.param("filter");
    AwsException error = null;
    try {
      FilterPattern.parse(filter);
    } catch (AwsException e) {
      error = e;
    }
    long since = services.logs().clock().millis();
    String events = Layout.url("logs", "tail", "events") + "?group=" + Layout.encode(group) + "&filter="
        + Layout.encode(filter) + "&since=" + since;
    boolean valid = error == null;
    Layout.Page page = new Layout.Page("Live tail: " + group).section("/logs").error(error)
        .crumbs(new Layout.Crumb("Log groups", Layout.url("logs")), new Layout.Crumb(group, LogPages.groupUrl(group)));
    return layout.render(x, page, h -> {
      h.tag("form", "method", "get", "action", Layout.url("logs", "tail"), "role", "search", "class", "row");
      h.tag("input", "type", "hidden", "name", "group", "value", group);
      Forms.input(h, "Filter pattern", "search", "filter", filter, "Only events that match are shown.",
          "placeholder", "e.g. INSERT");
      h.tag("div", "class", "field").el("button", "Apply", "type", "submit").end();
      h.end();
      h.el("p", "Connecting...", "id", "tail-status", "class", "status", "role", "status");
      h.tag("ol", "class", "events", "id", "tail", "data-tail", valid ? events : null, "aria-label", "New log events").end();
      h.tag("noscript").el("p", "The live tail needs JavaScript; the log group's page shows the same events.").end();
    });
  }

  public WebResponse events(Exchange x) {
    String group = x.param("group");
    if (group == null) {
      return WebResponse.text(400, "No log group was named.");
    }
    FilterPattern pattern;
    long since;
    try {
      pattern = FilterPattern.parse(x.param("filter") == null ? "" : x.param("filter"));
      since = Long.parseLong(x.param("since") == null ? "0" : x.param("since"));
    } catch (AwsException | NumberFormatException e) {
      return WebResponse.text(400, "The filter pattern or start time is not valid.");
    }
    GroupRef ref = new GroupRef(x.account(), x.region(), group);
    return WebResponse.events(Layout.headers(), sink -> new Tail(ref, pattern, since, sink).start());
  }

  /** One open tail: subscribed first, then caught up from {@code since}, without doubles. */
  private final class Tail {
    private final GroupRef ref;
    private final FilterPattern pattern;
    private final long since;
    private final WebResponse.EventSink sink;
    private List<StoredEvent> early = new ArrayList<>();
    private final Set<String> caughtUp = new HashSet<>();

    Tail(GroupRef ref, FilterPattern pattern, long since, WebResponse.EventSink sink) {
      this.ref = ref;
      this.pattern = pattern;
      this.since = since;
      this.sink = sink;
    }

    void start() {
      if (!sink.send("retry: 1000\n\n")) {
        return;
      }
      AutoCloseable subscription = services.logs().subscribe(ref, this::arrived);
      sink.onClose(() -> {
        try {
          subscription.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      List<StoredEvent> backlog = new ArrayList<>();
      LogGroup g = services.logs().groups().find(ref);
      if (g != null) {
        List<String> streams = services.logs().streams().byLastEventTime(g, false).stream().map(LogStream::name).toList();
        backlog = services.logs().filter().filter(g, streams, since, null, pattern, 1000, null).events();
      }
      synchronized (this) {
        for (StoredEvent e : backlog) {
          caughtUp.add(e.eventId());
          send(e);
        }
        for (StoredEvent e : early) {
          if (!caughtUp.contains(e.eventId())) {
            send(e);
          }
        }
        early = null;
      }
    }

    private synchronized void arrived(List<StoredEvent> events) {
      for (StoredEvent e : events) {
        if (!pattern.test(e.message())) {
          continue;
        }
        if (early != null) {
          early.add(e);
        } else {
          send(e);
        }
      }
    }

    private void send(StoredEvent e) {
      ObjectNode data = JSON.createObjectNode();
      data.put("stream", e.streamName());
      data.put("timestamp", e.timestamp());
      data.put("message", e.message());
      try {
        sink.send("event: log\nid: " + e.eventId() + "\ndata: " + JSON.writeValueAsString(data) + "\n\n");
      } catch (JsonProcessingException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
  }
}
