package dev.streambed.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line that starts DynamoDB Local from the jars and native library the build copies
 * to {@code bench/target/ddblocal} ({@code lib/} and {@code native/}).
 */
public final class DynamoDbLocalCommand {
  static final String MAIN_CLASS = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

  private DynamoDbLocalCommand() {}

  /** The directory next to the bench jar (or classes), where the build put DynamoDB Local. */
  public static Path defaultDirectory() {
    try {
      Path code = Path.of(DynamoDbLocalCommand.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      return code.getParent().resolve("ddblocal");
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A command line with a {@code {port}} placeholder, as {@code --ddblocal-cmd} takes it. */
  public static String commandLine(Path directory) {
    return commandLine(directory, null);
  }

  /**
   * The same, keeping its database in files under {@code dbPath} ({@code -dbPath}) instead of in
   * memory when {@code dbPath} is not null.
   */
  public static String commandLine(Path directory, Path dbPath) {
    Path lib = directory.resolve("lib");
    Path nativeLib = directory.resolve("native");
    if (!Files.isDirectory(lib) || !Files.isDirectory(nativeLib)) {
      throw new IllegalStateException("DynamoDB Local is not in " + directory
          + "; build it with ./mvnw -pl bench -am package -DskipTests");
    }
    return String.join(" ", List.of(
        quote(javaBinary()),
        quote("-Dsqlite4java.library.path=" + nativeLib.toAbsolutePath()),
        "-cp", quote(lib.toAbsolutePath() + "/*"),
        MAIN_CLASS, dbPath == null ? "-inMemory" : "-dbPath " + quote(dbPath.toAbsolutePath().toString()),
        "-disableTelemetry", "-port", "{port}"));
  }

  /** The java that runs this tool, so that both servers run on the same JVM. */
  static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
