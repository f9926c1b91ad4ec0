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
  /** A blueprint: its name, what it does, the runtime and handler to create it with, its files. */
  public record Blueprint(String name, String description, String runtime, String handler, List<String> files) {}

  public static final List<Blueprint> ALL = List.of(
      new Blueprint("dynamodb-process-stream-python3",
          "An Amazon DynamoDB trigger that logs the updates made to a table.", "python3.12",
          "lambda_function.lambda_handler", List.of("lambda_function.py")),
      new Blueprint("dynamodb-process-stream-nodejs",
          "An Amazon DynamoDB trigger that logs the updates made to a table.", "nodejs20.x",
          "index.handler", List.of("index.mjs")),
      new Blueprint("hello-world-python3", "A starter function that logs its event and says hello.",
          "python3.12", "lambda_function.lambda_handler", List.of("lambda_function.py")),
      new Blueprint("hello-world-nodejs", "A starter function that logs its event and says hello.",
          "nodejs20.x", "index.handler", List.of("index.mjs")));

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
        try (InputStream in = Blueprints.class.getResourceAsStream("blueprints/" + b.name() + "/" + file)) {
          if (in == null) {
            throw new IllegalStateException("blueprint " + b.name() + " lacks " + file);
          }
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
