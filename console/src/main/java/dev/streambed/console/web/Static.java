package dev.streambed.console.web;

import dev.streambed.kernel.protocol.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The console's style sheet and script, resources of this module read once. */
final class Static {
  private static final Map<String, String> TYPES = Map.of("console.css", "text/css; charset=utf-8",
      "console.js", "text/javascript; charset=utf-8");
  private final Map<String, byte[]> files;

  Static() {
    files = Map.of("console.css", read("console.css"), "console.js", read("console.js"));
  }

  /** The file, or null when the console has none of that name. */
  WebResponse get(String name) {
    byte[] body = files.get(name);
    if (body == null) {
      return null;
    }
    return WebResponse.of(200, TYPES.get(name), Map.of("Cache-Control", "no-cache",
        "X-Content-Type-Options", "nosniff"), body);
  }

  private static byte[] read(String name) {
    try (InputStream in = Static.class.getResourceAsStream("/dev/streambed/console/static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the console's " + name + " is missing from its resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
