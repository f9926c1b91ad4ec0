package dev.streambed.kernel.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One operation of a REST service: a method and a path template whose {@code {Name}} segments
 * capture path parameters, e.g. {@code /2015-03-31/functions/{FunctionName}/invocations}.
 *
 * @param waits whether the operation may wait for something outside the server before it answers
 *     (a synchronous Lambda invocation waits for its function). The front door runs such
 *     operations off its network threads, which must stay free: the function may be calling
 *     the same endpoint.
 */
public record RestRoute(String method, String template, RestOperation operation, boolean waits) {
  public RestRoute(String method, String template, RestOperation operation) {
    this(method, template, operation, false);
  }

  /** A route whose operation may wait before it answers (see {@link #waits}). */
  public static RestRoute waiting(String method, String template, RestOperation operation) {
    return new RestRoute(method, template, operation, true);
  }

  private List<String> parts() {
    return List.of(template.substring(1).split("/", -1));
  }

  /** The path parameters if method and path match, else null. */
  Map<String, String> match(String requestMethod, List<String> segments) {
    if (!method.equals(requestMethod)) {
      return null;
    }
    return bind(segments);
  }

  boolean matchesPath(List<String> segments) {
    return bind(segments) != null;
  }

  private Map<String, String> bind(List<String> segments) {
    List<String> parts = parts();
    if (parts.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>(4);
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      String s = segments.get(i);
      if (p.startsWith("{") && p.endsWith("}")) {
        if (s.isEmpty()) {
          return null;
        }
        params.put(p.substring(1, p.length() - 1), s);
      } else if (!p.equals(s)) {
        return null;
      }
    }
    return params;
  }
}
