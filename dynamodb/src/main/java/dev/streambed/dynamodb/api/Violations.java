package dev.streambed.dynamodb.api;

import dev.streambed.kernel.error.AwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects constraint violations of a request the way AWS reports them:
 * {@code "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint:
 * Member must not be null; ..."}.
 */
final class Violations {
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

  void tableName(String name, String path) {
    if (name == null) {
      notNull(null, path);
      return;
    }
    if (name.startsWith("arn:")) {
      // Table ARNs are accepted wherever a table name is (up to 1024 characters, as AWS allows).
      if (name.length() > 1024) {
        add(name, path, "Member must have length less than or equal to 1024");
      }
      return;
    }
    for (String failed : dev.streambed.dynamodb.table.TableNames.constraintsFailed(name)) {
      add(name, path, failed);
    }
  }

  void oneOf(String value, String path, List<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      add(value, path, "Member must satisfy enum value set: " + allowed);
    }
  }

  void throwIfAny() {
    if (messages.isEmpty()) {
      return;
    }
    int n = messages.size();
    throw AwsException.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
        + String.join("; ", messages));
  }
}
