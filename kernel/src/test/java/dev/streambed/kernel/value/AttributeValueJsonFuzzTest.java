package dev.streambed.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.fuzz.Fuzz;
import dev.streambed.fuzz.Gen;
import dev.streambed.kernel.error.CommonError;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the decoder of DynamoDB's attribute values: any JSON is an item, or refused with
 * DynamoDB's ValidationException or SerializationException; a decoded item encodes and decodes to
 * itself.
 */
class AttributeValueJsonFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> WORDS = List.of("{", "}", "[", "]", ",", ":", "\"S\"", "\"N\"", "\"B\"",
      "\"BOOL\"", "\"NULL\"", "\"M\"", "\"L\"", "\"SS\"", "\"NS\"", "\"BS\"", "\"x\"", "\"1\"", "\"-0.0e-130\"",
      "\"1e126\"", "\"AAEC\"", "\"!!\"", "true", "false", "null", "1", "\"\"", "\"a\"");

  /** An item of one attribute: the JSON words glued, or a map nested up to 80 deep. */
  private static String item(Random r) {
    if (r.nextBoolean()) {
      return "{\"a\":" + Gen.words(r, WORDS, 60, "") + "}";
    }
    int d = Gen.between(r, 1, 80);
    return "{\"a\":" + "{\"M\":{\"b\":".repeat(d) + "{\"S\":\"x\"}" + "}}".repeat(d) + "}";
  }

  @Test
  void itemsDecodeOrAreRefused() {
    Fuzz.check(AttributeValueJsonFuzzTest::item, AttributeValueJsonFuzzTest::decodesOrIsRefused);
  }

  private static void decodesOrIsRefused(String text) throws Exception {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (java.io.IOException notJson) {
      return;
    }
    java.util.Map<String, AttributeValue> item;
    try {
      item = AttributeValueJson.decodeItem(node);
    } catch (AwsException e) {
      assertThat(e.errorCode()).isIn(CommonError.VALIDATION, CommonError.SERIALIZATION);
      return;
    }
    java.io.StringWriter out = new java.io.StringWriter();
    try (var g = JSON.getFactory().createGenerator(out)) {
      AttributeValueJson.writeItem(g, item);
    }
    assertThat(AttributeValueJson.decodeItem(JSON.readTree(out.toString()))).isEqualTo(item);
  }
}
