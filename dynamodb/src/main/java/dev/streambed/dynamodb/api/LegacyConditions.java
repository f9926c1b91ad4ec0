package dev.streambed.dynamodb.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.kernel.error.AwsException;

/** The legacy condition parameters (Expected with ConditionalOperator). */
final class LegacyConditions {
  private LegacyConditions() {}

  /** The request's Expected condition, or null when it has none. */
  static Condition expected(JsonNode in) {
    if (!in.hasNonNull("Expected")) {
      if (in.hasNonNull("ConditionalOperator")) {
        throw AwsException.validation(
            "ConditionalOperator can only be used when Expected or QueryFilter or ScanFilter is present");
      }
      return null;
    }
    throw AwsException.validation("The Expected parameter is not supported yet by this server");
  }
}
