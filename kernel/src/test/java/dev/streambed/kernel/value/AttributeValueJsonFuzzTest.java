package dev.streambed.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

  @Provide
  Arbitrary<String> items() {
    Arbitrary<String> worded = Arbitraries.of(WORDS).list().ofMaxSize(60).map(l -> "{\"a\":" + String.join("", l) + "}");
    Arbitrary<String> nested = Arbitraries.integers().between(1, 80)
        .map(d -> "{\"a\":" + "{\"M\":{\"b\":".repeat(d) + "{\"S\":\"x\"}" + "}}".repeat(d) + "}");
    return Arbitraries.oneOf(worded, nested);
  }

  @Property
  void itemsDecodeOrAreRefused(@ForAll("items") String text) throws Exception {
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
