package dev.streambed.server.auth;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;

/**
 * A request as the signature check reads it, before anything is decoded: the method, the path and
 * query as they came on the wire, every value of a header by its name (any case), and the body's
 * bytes as sent (still compressed, if they were).
 */
public record SignedRequest(String method, String rawPath, String rawQuery,
    Function<String, List<String>> headers, ByteBuffer body) {

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.apply(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
