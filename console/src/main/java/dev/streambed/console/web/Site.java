package dev.streambed.console.web;

import dev.streambed.console.Access;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.protocol.WebRequest;
import dev.streambed.kernel.protocol.WebResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one request: checks its host and, for a POST, its origin and form token; serves the
 * static files and the change events; under strict authentication sends a visitor who has not
 * signed in to the sign-in page; finds the page in the {@link Router}, authorizes what it needs
 * with {@link Access} and runs it. An AWS error a page did not show itself (an AccessDenied
 * among them) is shown on a page of its own, with AWS's code and message.
 */
public final class Site {
  private static final Logger LOG = LoggerFactory.getLogger(Site.class);
  private final Router router;
  private final Layout layout;
  private final Changes changes;
  private final Sessions sessions = new Sessions();
  private final Static files = new Static();
  private final Guard guard;
  private final String account;
  private final String region;
  private final Access access;

  public Site(Router router, Layout layout, Changes changes, String host, String account, String region,
      Access access) {
    SignIn signIn = new SignIn(access, layout);
    router.get(SignIn.PATH, signIn::form).post(SignIn.PATH, Router.Need.NONE, signIn::submit)
        .post("/logout", Router.Need.NONE, signIn::signOut);
    this.access = access;
    this.router = router;
    this.layout = layout;
    this.changes = changes;
    this.guard = new Guard(host);
    this.account = account;
    this.region = region;
  }

  public WebResponse handle(WebRequest r) {
    String refused = guard.refuseHost(r);
    if (refused != null) {
      return WebResponse.text(403, refused);
    }
    String path = r.path().substring(Layout.ROOT.length());
    if (path.isEmpty()) {
      return Layout.redirect(Layout.ROOT + "/");
    }
    boolean get = r.method().equals("GET") || r.method().equals("HEAD");
    if (get && path.startsWith("/static/")) {
      WebResponse file = files.get(path.substring("/static/".length()));
      return file != null ? file : WebResponse.text(404, "Not found");
    }
    Sessions.Session session = sessions.of(r.header("cookie"));
    boolean signedOut = access.required() && session.who() == null && !path.equals(SignIn.PATH);
    if (get && path.equals("/events")) {
      // The live tail's events are log events: shown only to someone signed in.
      return signedOut ? WebResponse.text(403, "Sign in to the console first.") : events(r);
    }
    Router.Match match = router.find(get ? "GET" : r.method(), path);
    Exchange x = new Exchange(r, match == null ? Map.of() : match.parameters(), sessions, session, account, region,
        access);
    WebResponse response;
    String forged = match != null && x.isPost() ? guard.refusePost(r, sessions.valid(session, x.param("_csrf"))) : null;
    if (signedOut) {
      response = toSignIn(r, get);
    } else if (match == null) {
      response = notFound(x, r);
    } else if (forged != null) {
      response = layout.render(x, new Layout.Page("Request refused").status(403), h -> {
        h.el("p", forged, "role", "alert", "class", "error");
        h.link(Layout.ROOT + "/", "Back to the console");
      });
    } else {
      response = run(match, x);
    }
    if (x.session().fresh()) {
      Map<String, String> headers = new LinkedHashMap<>(response.headers());
      headers.put("Set-Cookie", x.session().cookie());
      response = new WebResponse(response.status(), response.contentType(), headers, response.body(), response.events());
    }
    return response;
  }

  /** Every page but the sign-in page waits for a sign-in, and a GET comes back to itself after. */
  private static WebResponse toSignIn(WebRequest r, boolean get) {
    String login = Layout.ROOT + SignIn.PATH;
    if (!get) {
      return Layout.redirect(login);
    }
    StringBuilder back = new StringBuilder(r.path());
    char sep = '?';
    for (Map.Entry<String, List<String>> q : r.query().entrySet()) {
      for (String v : q.getValue()) {
        back.append(sep).append(Layout.encode(q.getKey())).append('=').append(Layout.encode(v));
        sep = '&';
      }
    }
    String next = SignIn.safeNext(back.toString());
    return Layout.redirect(next == null ? login : login + "?next=" + Layout.encode(next));
  }

  private WebResponse run(Router.Match match, Exchange x) {
    try {
      for (Router.Permission p : match.need().of(x)) {
        x.authorize(p.action(), p.resource());
      }
      return match.handler().handle(x);
    } catch (AwsException e) {
      return layout.render(x, new Layout.Page("Error").error(e), h -> h.link(Layout.ROOT + "/", "Back to the console"));
    } catch (RuntimeException e) {
      LOG.error("console {} {} failed", x.request().method(), x.request().path(), e);
      return layout.render(x, new Layout.Page("Something went wrong").status(500), h -> {
        h.el("p", "The console could not show this page; Streambed's log has the details.", "class", "error",
            "role", "alert");
        h.link(Layout.ROOT + "/", "Back to the console");
      });
    }
  }

  private WebResponse notFound(Exchange x, WebRequest r) {
    return layout.render(x, new Layout.Page("Page not found").status(404), h -> {
      h.el("p", "The console has no page at " + r.path() + ".");
      h.link(Layout.ROOT + "/", "Back to the console");
    });
  }

  private WebResponse events(WebRequest r) {
    List<String> topics = r.query().getOrDefault("topic", List.of());
    long since;
    try {
      since = Long.parseLong(r.query("since") == null ? "0" : r.query("since"));
    } catch (NumberFormatException e) {
      since = 0;
    }
    if (topics.isEmpty() || topics.size() > 20) {
      return WebResponse.text(400, "Name between 1 and 20 topics.");
    }
    return WebResponse.events(Map.of("X-Content-Type-Options", "nosniff"), changes.stream(topics, since));
  }
}
