package dev.streambed.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.lambda.QueuedEvents.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The invocation record an asynchronous invocation's destination receives, member for member and
 * in the order Lambda writes it (recorded in test_lambda_destinations): version, timestamp,
 * requestContext, requestPayload and, when the function ran, responseContext and responsePayload.
 */
final class DestinationRecord {
  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Lambda's timestamps always carry milliseconds: 2025-11-24T23:11:08.120Z. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private DestinationRecord() {}

  /**
   * @param condition Success, RetriesExhausted, EventAgeExceeded or ZeroReservedConcurrency
   * @param attempts how often the function ran (approximateInvokeCount)
   * @param answer the last attempt's, or null when the function never ran
   */
  static byte[] of(AsyncEvent e, String condition, int attempts, Answer answer, long nowMillis) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("version", "1.0");
      g.writeStringField("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(nowMillis)));
      g.writeObjectFieldStart("requestContext");
      g.writeStringField("requestId", e.requestId());
      g.writeStringField("functionArn", e.functionArn());
      g.writeStringField("condition", condition);
      g.writeNumberField("approximateInvokeCount", attempts);
      g.writeEndObject();
      g.writeFieldName("requestPayload");
      writePayload(g, e.event());
      if (answer != null) {
        g.writeObjectFieldStart("responseContext");
        g.writeNumberField("statusCode", 200);
        g.writeStringField("executedVersion", e.resolved().config().version());
        if (answer.functionError()) {
          g.writeStringField("functionError", "Unhandled");
        }
        g.writeEndObject();
        g.writeFieldName("responsePayload");
        writePayload(g, answer.payload());
      }
      g.writeEndObject();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return out.toByteArray();
  }

  /** The errorMessage of a function's error payload, or null when it has none. */
  static String errorMessage(byte[] payload) {
    try {
      JsonNode n = MAPPER.readTree(payload);
      return n != null && n.path("errorMessage").isTextual() ? n.get("errorMessage").asText() : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  /** A payload as the JSON it is; a payload that is no JSON (or nothing) as a string (or null). */
  private static void writePayload(JsonGenerator g, byte[] payload) throws IOException {
    String text = new String(payload, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      g.writeNull();
    } else if (isJson(payload)) {
      g.writeRawValue(text.strip());
    } else {
      g.writeString(text);
    }
  }

  private static boolean isJson(byte[] payload) {
    try (JsonParser p = JSON.createParser(payload)) {
      while (p.nextToken() != null) {
        // Reading to the end is the check.
      }
      return true;
    } catch (IOException notJson) {
      return false;
    }
  }
}
