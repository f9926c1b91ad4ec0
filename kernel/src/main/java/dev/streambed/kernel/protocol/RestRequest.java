package dev.streambed.kernel.protocol;

import java.util.List;
import java.util.Map;

/**
 * A REST request as an operation sees it: decoded path parameters and query parameters, the
 * headers by lower-case name, and the body.
 */
public record RestRequest(String method, String path, Map<String, String> pathParameters,
    Map<String, List<String>> query, Map<String, String> headers, byte[] body) {

  public String pathParameter(String name) {
    return pathParameters.get(name);
  }

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A header by its name in any case, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
