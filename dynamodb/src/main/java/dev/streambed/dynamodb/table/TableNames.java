package dev.streambed.dynamodb.table;

import dev.streambed.kernel.error.AwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB's constraints on a table name (3 to 255 characters of {@code [a-zA-Z0-9_.-]}), in
 * AWS's words, for every caller that names a table: the API's operations and the console.
 */
public final class TableNames {
  private TableNames() {}

  /** The constraints {@code name} fails, each as AWS's validation message words it. */
  public static List<String> constraintsFailed(String name) {
    List<String> failed = new ArrayList<>(2);
    if (name.length() < 3) {
      failed.add("Member must have length greater than or equal to 3");
    }
    if (name.length() > 255) {
      failed.add("Member must have length less than or equal to 255");
    }
    if (!validChars(name)) {
      failed.add("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
    return failed;
  }

  /** Throws AWS's ValidationException when {@code name} is no table name. */
  public static void check(String name) {
    if (name == null) {
      throw AwsException.validation("1 validation error detected: Value null at 'tableName' failed to "
          + "satisfy constraint: Member must not be null");
    }
    List<String> failed = constraintsFailed(name);
    if (failed.isEmpty()) {
      return;
    }
    List<String> messages = new ArrayList<>();
    for (String f : failed) {
      messages.add("Value '" + name + "' at 'tableName' failed to satisfy constraint: " + f);
    }
    int n = messages.size();
    throw AwsException.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
        + String.join("; ", messages));
  }

  private static boolean validChars(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return !name.isEmpty();
  }
}
