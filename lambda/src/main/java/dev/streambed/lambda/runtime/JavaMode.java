package dev.streambed.lambda.runtime;

import java.util.Locale;

/**
 * Where Java functions run. AWS runs every function in an environment of its own, so the default
 * is {@link #PROCESS}; {@link #IN_PROCESS} is Streambed's fast mode for tests inside a JVM. The
 * server's default ({@code --java-runtime}) can be changed per function by setting
 * {@value #VARIABLE} to {@code process} or {@code in-process} among its environment variables.
 */
public enum JavaMode {
  /** A JVM of the function's own, through AWS's runtime interface client, as on AWS. */
  PROCESS,
  /** Inside Streambed's JVM, in a class loader of the function's own. */
  IN_PROCESS;

  /** The function environment variable that chooses the mode of one function. */
  public static final String VARIABLE = "STREAMBED_JAVA_RUNTIME";

  /** {@code process} or {@code in-process}; null for anything else. */
  public static JavaMode parse(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "process" -> PROCESS;
      case "in-process", "inprocess", "in_process" -> IN_PROCESS;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return this == PROCESS ? "process" : "in-process";
  }
}
