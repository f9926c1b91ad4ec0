package dev.streambed.kernel.protocol;

import dev.streambed.kernel.error.AwsException;
import java.util.List;
import java.util.Map;

/**
 * A service spoken over AWS's REST-JSON protocol (Lambda): each operation is a method and a path
 * template, its members are in the path, the query string, headers and a JSON body.
 *
 * @param name the service's name, for logs
 * @param routes the one operation table
 * @param errors how the service writes an error: status, headers and body
 */
public record RestService(String name, List<RestRoute> routes, Errors errors) {

  /** Writes an error the way the service's clients read it. */
  @FunctionalInterface
  public interface Errors {
    RestResponse render(AwsException error);
  }

  /** A route and the values its template took from the path. */
  public record Match(RestRoute route, Map<String, String> pathParameters) {}

  /** The route of a request, or null when no route of this service takes the path. */
  public Match route(String method, List<String> segments) {
    for (RestRoute r : routes) {
      Map<String, String> params = r.match(method, segments);
      if (params != null) {
        return new Match(r, params);
      }
    }
    return null;
  }

  /** Whether any route of this service has a path like this one, whatever its method. */
  public boolean owns(List<String> segments) {
    for (RestRoute r : routes) {
      if (r.matchesPath(segments)) {
        return true;
      }
    }
    return false;
  }
}
