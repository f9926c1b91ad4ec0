package dev.streambed.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Function blueprints: ready code for common starts, written for Streambed, offered by name to
 * the console and by {@code streambed blueprint} as a zip to give CreateFunction.
 */
public final class Blueprints {
  /**
   * A blueprint: its name, what it does, the runtime and handler to create it with, and its
   * files, read from the resource folder {@code blueprints/FOLDER/}.
   */
  public record Blueprint(String name, String description, String runtime, String handler, String folder,
      List<String> files) {
    Blueprint(String name, String description, String runtime, String handler, List<String> files) {
      this(name, description, runtime, handler, name, files);
    }
  }

  private static final String STREAM = "An Amazon DynamoDB trigger that logs the updates made to a table.";
  private static final String HELLO = "A starter function that logs its event and says hello.";

  public static final List<Blueprint> ALL = List.of(
      new Blueprint("dynamodb-process-stream-python3", STREAM, "python3.12", "lambda_function.lambda_handler",
          List.of("lambda_function.py")),
      new Blueprint("dynamodb-process-stream-nodejs", STREAM, "nodejs20.x", "index.handler", List.of("index.mjs")),
      // Java blueprints are classes compiled with Streambed (src/blueprints/java).
      new Blueprint("dynamodb-process-stream-java", STREAM, "java21", "example.DynamoDbStreamHandler::handleRequest",
          "java", List.of("example/DynamoDbStreamHandler.class", "example/Json.class")),
      new Blueprint("hello-world-python3", HELLO, "python3.12", "lambda_function.lambda_handler",
          List.of("lambda_function.py")),
      new Blueprint("hello-world-nodejs", HELLO, "nodejs20.x", "index.handler", List.of("index.mjs")),
      new Blueprint("hello-world-java", HELLO, "java21", "example.Hello::handleRequest", "java",
          List.of("example/Hello.class", "example/Json.class")),
      new Blueprint("hello-world-provided", HELLO, "provided.al2023", "function.handler",
          List.of("bootstrap", "function.sh")));

  private Blueprints() {}

  /** The blueprint of that name, or null. */
  public static Blueprint find(String name) {
    for (Blueprint b : ALL) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    return null;
  }

  /** The blueprint's code as a zip ready for CreateFunction's ZipFile. */
  public static byte[] zip(Blueprint b) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (String file : b.files()) {
        try (InputStream in = Blueprints.class.getResourceAsStream("blueprints/" + b.folder() + "/" + file)) {
          if (in == null) {
            throw new IllegalStateException("blueprint " + b.name() + " lacks " + file);
          }
          // No mode bits: Streambed makes every unpacked file executable, as a bootstrap must be.
          out.putNextEntry(new ZipEntry(file));
          in.transferTo(out);
          out.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
