package dev.streambed.kernel.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request to a {@link WebSite}: the method, the decoded path, the query parameters, the
 * headers by lower-case name, and the body.
 */
public record WebRequest(String method, String path, Map<String, List<String>> query,
    Map<String, String> headers, byte[] body) {

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A header by its name in any case, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
