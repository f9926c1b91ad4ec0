package dev.streambed.iam.policy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "May this principal do ACTION on RESOURCE?", with the request context: condition keys (names
 * compare case-insensitively, as IAM's do) to their values.
 */
public record AuthorizationRequest(String action, String resource, Map<String, List<String>> context) {
  public AuthorizationRequest {
    TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    keys.putAll(context);
    context = java.util.Collections.unmodifiableMap(keys);
  }

  public static AuthorizationRequest of(String action, String resource) {
    return new AuthorizationRequest(action, resource, Map.of());
  }

  /** The same request with one more context key (replacing any of that name). */
  public AuthorizationRequest with(String key, String... values) {
    TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    keys.putAll(context);
    keys.put(key, List.of(values));
    return new AuthorizationRequest(action, resource, keys);
  }

  /** The same request with the keys of {@code defaults} the request does not already have. */
  public AuthorizationRequest withDefaults(Map<String, List<String>> defaults) {
    TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    keys.putAll(defaults);
    keys.putAll(context);
    return new AuthorizationRequest(action, resource, keys);
  }
}
