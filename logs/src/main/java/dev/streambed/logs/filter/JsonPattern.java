package dev.streambed.logs.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A JSON filter pattern, {@code { CONDITION }}, matched against messages that are JSON objects.
 * Messages that are not JSON never match.
 */
final class JsonPattern implements FilterPattern {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonCondition condition;

  private JsonPattern(JsonCondition condition) {
    this.condition = condition;
  }

  static JsonPattern parse(String pattern) {
    return new JsonPattern(new JsonPatternParser(pattern).parse());
  }

  @Override
  public boolean test(String message) {
    String m = message.strip();
    if (!m.startsWith("{") && !m.startsWith("[")) {
      return false;
    }
    JsonNode root;
    try {
      root = JSON.readTree(m);
    } catch (IOException e) {
      return false;
    }
    return root != null && condition.test(root);
  }
}
