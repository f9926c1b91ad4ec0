package dev.streambed.console.web;

import dev.streambed.kernel.protocol.WebResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The console's one table of pages: a method and a path template ({@code /tables/{table}}) each. */
public final class Router {
  /** A page or an action. */
  @FunctionalInterface
  public interface Handler {
    WebResponse handle(Exchange x);
  }

  /** An IAM action and the ARN of the resource it is done on, as the equivalent API call needs them. */
  public record Permission(String action, String resource) {}

  /**
   * What a page or action needs the signed-in person to be allowed, worked out from the request:
   * the permissions of the API calls it makes (under {@code --iam enforce}).
   */
  @FunctionalInterface
  public interface Need {
    List<Permission> of(Exchange x);

    /** Nothing to authorize: the page calls no service. */
    Need NONE = x -> List.of();

    /** One action on one resource. */
    static Need of(String action, java.util.function.Function<Exchange, String> resource) {
      return x -> List.of(new Permission(action, resource.apply(x)));
    }
  }

  private record Route(String method, List<String> segments, Need need, Handler handler) {}

  /** A route found for a request, with the values its template took from the path. */
  record Match(Handler handler, Need need, Map<String, String> parameters) {}

  private final List<Route> routes = new ArrayList<>();

  /** A page that calls no service (a form, the home page). */
  public Router get(String template, Handler handler) {
    return add("GET", template, Need.NONE, handler);
  }

  public Router get(String template, Need need, Handler handler) {
    return add("GET", template, need, handler);
  }

  public Router post(String template, Need need, Handler handler) {
    return add("POST", template, need, handler);
  }

  private Router add(String method, String template, Need need, Handler handler) {
    routes.add(new Route(method, segments(template), need, handler));
    return this;
  }

  /** The route of a request; null when no route takes the path with this method. */
  Match find(String method, String path) {
    List<String> given = segments(path);
    for (Route r : routes) {
      if (!r.method().equals(method) || r.segments().size() != given.size()) {
        continue;
      }
      Map<String, String> params = new HashMap<>();
      boolean ok = true;
      for (int i = 0; i < given.size() && ok; i++) {
        String t = r.segments().get(i);
        if (t.startsWith("{") && t.endsWith("}")) {
          params.put(t.substring(1, t.length() - 1), given.get(i));
        } else {
          ok = t.equals(given.get(i));
        }
      }
      if (ok) {
        return new Match(r.handler(), r.need(), params);
      }
    }
    return null;
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
