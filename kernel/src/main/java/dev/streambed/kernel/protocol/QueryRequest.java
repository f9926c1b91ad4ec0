package dev.streambed.kernel.protocol;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.ErrorCode;
import dev.streambed.kernel.error.QueryError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded form parameters of a Query-protocol request, with AWS's flattened naming of lists
 * ({@code Name.member.1}, {@code Name.member.2}, ...) and of structures in lists
 * ({@code Tags.member.1.Key}).
 */
public final class QueryRequest {
  private final Map<String, String> params;
  private static final ErrorCode VALIDATION = QueryError.VALIDATION_ERROR;

  /** @param params the form parameters, already URL-decoded */
  public QueryRequest(Map<String, String> params) {
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public Map<String, String> params() {
    return params;
  }

  /** The parameter, or null when absent. */
  public String string(String name) {
    return params.get(name);
  }

  public String string(String name, String otherwise) {
    String v = params.get(name);
    return v == null ? otherwise : v;
  }

  /** The parameter; absent, it fails as AWS's request validation does. */
  public String required(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new AwsException(VALIDATION, "1 validation error detected: Value null at '"
          + lowerFirst(name) + "' failed to satisfy constraint: Member must not be null");
    }
    return v;
  }

  /** An integer parameter, or null when absent. */
  public Integer integer(String name) {
    String v = params.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw new AwsException(VALIDATION, "1 validation error detected: Value '" + v
          + "' at '" + lowerFirst(name) + "' failed to satisfy constraint: Member must be a number");
    }
  }

  /** A boolean parameter, or the default when absent. */
  public boolean bool(String name, boolean otherwise) {
    String v = params.get(name);
    return v == null ? otherwise : Boolean.parseBoolean(v.trim());
  }

  /** A list of strings: {@code name.member.1}, {@code name.member.2}, ... in order. */
  public List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      String v = params.get(name + ".member." + i);
      if (v == null) {
        return out;
      }
      out.add(v);
    }
  }

  /**
   * A list of structures: for {@code Tags} with fields {@code Key}, {@code Value} it reads
   * {@code Tags.member.N.Key} and {@code Tags.member.N.Value} while either is present.
   */
  public List<Map<String, String>> structures(String name, String... fields) {
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 1; ; i++) {
      Map<String, String> one = new LinkedHashMap<>();
      String prefix = name + ".member." + i + ".";
      for (String f : fields) {
        String v = params.get(prefix + f);
        if (v != null) {
          one.put(f, v);
        }
      }
      if (one.isEmpty()) {
        return out;
      }
      out.add(one);
    }
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
