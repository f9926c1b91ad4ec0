package dev.streambed.logs.api;

import dev.streambed.logs.LogsError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects constraint violations of a request the way AWS words them ("1 validation error
 * detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less
 * than or equal to 10000"). CloudWatch Logs reports them as InvalidParameterException.
 */
final class Violations {
  private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
  private static final int MAX_NAME = 512;
  private static final String NAME_TOO_LONG =
      "Invalid LogGroup or LogStream, both must have length less than or equal to 512.";

  private final List<String> messages = new ArrayList<>(2);

  void add(Object value, String path, String constraint) {
    String shown = value == null ? "null" : "'" + value + "'";
    messages.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
  }

  void notNull(Object value, String path) {
    if (value == null) {
      add(null, path, "Member must not be null");
    }
  }

  void range(Long value, String path, long min, long max) {
    if (value != null && value < min) {
      add(value, path, "Member must have value greater than or equal to " + min);
    }
    if (value != null && value > max) {
      add(value, path, "Member must have value less than or equal to " + max);
    }
  }

  void length(String value, String path, int min, int max) {
    if (value != null && value.length() < min) {
      add(value, path, "Member must have length greater than or equal to " + min);
    }
    if (value != null && value.length() > max) {
      add(value, path, "Member must have length less than or equal to " + max);
    }
  }

  /** A log group name: 1 to 512 of {@code [\.\-_/#A-Za-z0-9]}. */
  void groupName(String name, String path) {
    notNull(name, path);
    if (name == null) {
      return;
    }
    if (name.length() > MAX_NAME) {
      throw LogsError.invalid(NAME_TOO_LONG);
    }
    length(name, path, 1, MAX_NAME);
    if (!name.isEmpty() && !GROUP_NAME.matcher(name).matches()) {
      add(name, path, "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    }
  }

  /** A log stream name: 1 to 512 characters, neither {@code :} nor {@code *}. */
  void streamName(String name, String path) {
    notNull(name, path);
    if (name == null) {
      return;
    }
    if (name.length() > MAX_NAME) {
      throw LogsError.invalid(NAME_TOO_LONG);
    }
    length(name, path, 1, MAX_NAME);
    if (name.indexOf(':') >= 0 || name.indexOf('*') >= 0) {
      add(name, path, "Member must satisfy regular expression pattern: [^:*]*");
    }
  }

  void throwIfAny() {
    if (messages.isEmpty()) {
      return;
    }
    String head = messages.size() + " validation error" + (messages.size() == 1 ? "" : "s") + " detected: ";
    throw LogsError.invalid(head + String.join("; ", messages));
  }
}
