package dev.streambed.console.web;

import dev.streambed.console.Access;
import dev.streambed.kernel.protocol.WebRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as a page sees it: the path's parameters, the query and the submitted form, the
 * visitor's session with its form token and whom it is signed in as, and the account and region
 * the console works in.
 */
public final class Exchange {
  private final WebRequest request;
  private final Map<String, String> pathParameters;
  private final Map<String, List<String>> form;
  private final Sessions sessions;
  private final Access access;
  private Sessions.Session session;
  private final String account;
  private final String region;

  Exchange(WebRequest request, Map<String, String> pathParameters, Sessions sessions, Sessions.Session session,
      String account, String region, Access access) {
    this.request = request;
    this.access = access;
    this.sessions = sessions;
    this.pathParameters = pathParameters;
    this.session = session;
    this.account = account;
    this.region = region;
    this.form = isPost() ? decodeForm(new String(request.body(), StandardCharsets.UTF_8)) : Map.of();
  }

  public boolean isPost() {
    return request.method().equals("POST");
  }

  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  /** A parameter of the path, as the route named it. */
  public String path(String name) {
    return pathParameters.get(name);
  }

  /** A form field when the request is a POST, else a query parameter; null when absent. */
  public String param(String name) {
    List<String> values = params(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** A parameter, blank as null, trimmed. */
  public String value(String name) {
    String v = param(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  public List<String> params(String name) {
    List<String> values = form.get(name);
    if (values == null) {
      values = request.query().get(name);
    }
    return values == null ? List.of() : values;
  }

  /** A query parameter, whatever the method. */
  public String query(String name) {
    return request.query(name);
  }

  public WebRequest request() {
    return request;
  }

  /** The ARN of whom the visitor signed in as; null when nobody signs in (open authentication). */
  public String who() {
    return session.who();
  }

  /**
   * Throws AWS's AccessDeniedException unless the visitor may do {@code action} on
   * {@code resource} (under {@code --iam enforce}), as the equivalent API call would be refused.
   */
  public void authorize(String action, String resource) {
    access.authorize(who(), action, resource);
  }

  /**
   * Signs the visitor in as {@code who}, under a new session id given to the browser with the
   * answer; false when the console cannot keep one more signed-in session.
   */
  boolean signIn(String who) {
    Sessions.Session next = sessions.signIn(session, who);
    if (next == null) {
      return false;
    }
    session = next;
    return true;
  }

  void signOut() {
    sessions.signOut(session);
  }

  /** The token every form carries, checked on each POST. */
  public String csrfToken() {
    return session.csrfToken();
  }

  /** A message to show on the next page this visitor sees (after a redirect). */
  public void flash(String message) {
    session.flash(message);
  }

  /** The message left by {@link #flash(String)}, once. */
  public String takeFlash() {
    return session.takeFlash();
  }

  Sessions.Session session() {
    return session;
  }

  static Map<String, List<String>> decodeForm(String body) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return out;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException malformed) {
        // A field that is not valid form encoding is left out, as if it had not been sent.
      }
    }
    return out;
  }
}
