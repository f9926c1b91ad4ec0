package dev.streambed.tests.differential;

import java.util.Map;
import java.util.TreeMap;

/**
 * One side's answer to one request, as a tree of sorted maps, lists, sets and scalars that
 * {@link Normalizer} built: {@code status}, then either {@code body} (the response members) or
 * {@code error} ({@code code}, {@code message} and any extra members such as the {@code Item} of
 * a failed condition).
 */
public record Answer(Map<String, Object> tree) {
  public static Answer ok(int status, Object body) {
    Map<String, Object> t = new TreeMap<>();
    t.put("status", status);
    t.put("body", body);
    return new Answer(t);
  }

  public static Answer error(int status, String code, String message, Map<String, Object> extra) {
    Map<String, Object> error = new TreeMap<>(extra);
    error.put("code", code);
    if (message != null) {
      error.put("message", message);
    }
    Map<String, Object> t = new TreeMap<>();
    t.put("status", status);
    t.put("error", error);
    return new Answer(t);
  }

  public boolean failed() {
    return tree.containsKey("error");
  }

  public int status() {
    return (Integer) tree.get("status");
  }

  @SuppressWarnings("unchecked")
  public String errorCode() {
    return failed() ? (String) ((Map<String, Object>) tree.get("error")).get("code") : null;
  }

  @SuppressWarnings("unchecked")
  public String errorMessage() {
    return failed() ? (String) ((Map<String, Object>) tree.get("error")).get("message") : null;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> body() {
    return (Map<String, Object>) tree.get("body");
  }

  /** A copy whose error has another code, message and status: how AWS would have answered. */
  public Answer withError(int status, String code, String message) {
    @SuppressWarnings("unchecked")
    Map<String, Object> old = (Map<String, Object>) tree.get("error");
    Map<String, Object> extra = new TreeMap<>(old);
    extra.remove("code");
    extra.remove("message");
    return error(status, code, message, extra);
  }

  @Override
  public String toString() {
    return tree.toString();
  }
}
