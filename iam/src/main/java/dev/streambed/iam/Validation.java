package dev.streambed.iam;

import dev.streambed.kernel.error.AwsException;
import java.util.regex.Pattern;

/** IAM's input constraints, with the wording of AWS's request validation. */
final class Validation {
  static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");

  private Validation() {}

  static void name(String field, String value, int max) {
    if (value.length() > max) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + value + "' at '" + field + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
    }
    if (value.isEmpty()) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + value + "' at '" + field + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    if (!NAME.matcher(value).matches()) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + value + "' at '" + field + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    }
  }

  static String path(String path) {
    if (path == null) {
      return "/";
    }
    if (path.length() > 512) {
      throw new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
          + path + "' at 'path' failed to satisfy constraint: Member must have length less than or equal to 512");
    }
    if (!PATH.matcher(path).matches()) {
      throw new AwsException(IamError.VALIDATION_ERROR, "The specified value for path is invalid. "
          + "It must begin and end with / and contain only alphanumeric characters and/or / characters.");
    }
    return path;
  }

  /** The policy ARN's form: anything not an ARN is refused before any lookup, as IAM does. */
  static void policyArn(String arn) {
    if (arn == null || !arn.startsWith("arn:") || arn.split(":", 6).length != 6) {
      // AWS answered "Invalid ARN:  Could not be parsed!" until at least June 2025; its answer
      // recorded in February 2026 is this one.
      throw new AwsException(IamError.VALIDATION_ERROR, "ARN " + arn + " is not valid.");
    }
  }
}
