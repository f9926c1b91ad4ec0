package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.kernel.error.AwsException;

/** The legacy condition parameters (Expected with ConditionalOperator). */
final class LegacyConditions {
  private LegacyConditions() {}

  /** The request's Expected condition, or null when it has none. */
  static Condition expected(JsonNode in) {
    JsonNode expected = in.get("Expected");
    boolean noExpected = expected == null || expected.isNull() || expected.isEmpty();
    if (noExpected && in.hasNonNull("ConditionalOperator")) {
      // AWS's words, as a suite run against Amazon DynamoDB records them (ExtendDB's
      // conformance tests): an empty Expected counts as none.
      throw AwsException.validation("ConditionalOperator cannot be used without Filter or Expected");
    }
    if (expected == null || expected.isNull()) {
      return null;
    }
    throw AwsException.validation("The Expected parameter is not supported yet by this server");
  }
}
