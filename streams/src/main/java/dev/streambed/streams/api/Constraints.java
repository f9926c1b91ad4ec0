package dev.streambed.streams.api;

import dev.streambed.kernel.error.AwsException;

/** The schema constraints of the Streams API, in the wording of AWS's validation layer. */
final class Constraints {
  private Constraints() {}

  static void minimum(String member, Long value, long min) {
    if (value != null && value < min) {
      throw AwsException.validation("1 validation error detected: Value '" + value + "' at '" + member
          + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
    }
  }

  static void length(String member, String value, int min, int max) {
    if (value == null) {
      return;
    }
    if (value.length() < min) {
      throw AwsException.validation("1 validation error detected: Value '" + value + "' at '" + member
          + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
    }
    if (value.length() > max) {
      throw AwsException.validation("1 validation error detected: Value '" + value + "' at '" + member
          + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
    }
  }
}
