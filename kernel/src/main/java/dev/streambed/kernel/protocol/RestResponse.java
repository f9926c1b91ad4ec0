package dev.streambed.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a REST operation answers: status, extra headers, content type and body. */
public record RestResponse(int status, Map<String, String> headers, String contentType, byte[] body) {
  public static RestResponse json(int status, byte[] body) {
    return new RestResponse(status, Map.of(), "application/json", body);
  }

  public static RestResponse json(int status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A response without a body, such as DeleteFunction's 204. */
  public static RestResponse empty(int status) {
    return new RestResponse(status, Map.of(), "application/json", new byte[0]);
  }

  public RestResponse withHeaders(Map<String, String> more) {
    java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.putAll(more);
    return new RestResponse(status, Map.copyOf(all), contentType, body);
  }
}
