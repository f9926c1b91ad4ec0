package dev.streambed.console.items;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.value.AttributeValue;
import dev.streambed.kernel.value.AttributeValueJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Items and attribute values as DynamoDB JSON ({@code {"user_id": {"S": "john"}}}), the form the
 * API speaks, read with the API's own decoder so the console refuses what the API refuses; and
 * keys of items as URL parameters.
 */
public final class ItemJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private ItemJson() {}

  public static String write(Map<String, AttributeValue> item, boolean pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      AttributeValueJson.writeItem(g, item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static String write(AttributeValue value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      AttributeValueJson.write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** An item from DynamoDB JSON, with the API's checks of every value. */
  public static Map<String, AttributeValue> readItem(String json) {
    JsonNode node = tree(json);
    if (!node.isObject()) {
      throw invalid("An item is a JSON object of attribute names and typed values, such as "
          + "{\"id\": {\"S\": \"1\"}}.");
    }
    return AttributeValueJson.decodeItem(node);
  }

  static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid("The JSON is not valid: " + e.getOriginalMessage());
    }
  }

  /** A refusal of the console's own input, before anything reached a service. */
  static AwsException invalid(String message) {
    return new AwsException(CommonError.VALIDATION, message);
  }

  /** A key as a URL parameter: its DynamoDB JSON in URL-safe base64. */
  public static String keyParam(Map<String, AttributeValue> key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(write(key, false).getBytes(StandardCharsets.UTF_8));
  }

  /** The key of {@link #keyParam}, or a ValidationException when it is none. */
  public static Map<String, AttributeValue> key(String param) {
    if (param == null) {
      throw invalid("No item key was given.");
    }
    String json;
    try {
      json = new String(Base64.getUrlDecoder().decode(param), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("The item key in the address is not valid.");
    }
    return readItem(json);
  }
}
