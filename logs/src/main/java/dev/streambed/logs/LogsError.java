package dev.streambed.logs;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.ErrorCode;

/**
 * CloudWatch Logs' error codes. Logs answers every client error with 400, and reports schema
 * violations ("1 validation error detected: ...") as InvalidParameterException, not as the
 * ValidationException other JSON services use.
 */
public enum LogsError implements ErrorCode {
  RESOURCE_NOT_FOUND("ResourceNotFoundException"),
  RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException"),
  INVALID_PARAMETER("InvalidParameterException"),
  VALIDATION("ValidationException"),
  LIMIT_EXCEEDED("LimitExceededException");

  private final String code;

  LogsError(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public int status() {
    return 400;
  }

  public static AwsException groupNotFound() {
    return new AwsException(RESOURCE_NOT_FOUND, "The specified log group does not exist.");
  }

  public static AwsException streamNotFound() {
    return new AwsException(RESOURCE_NOT_FOUND, "The specified log stream does not exist.");
  }

  public static AwsException invalid(String message) {
    return new AwsException(INVALID_PARAMETER, message);
  }

  public static AwsException invalidToken() {
    return invalid("The specified nextToken is invalid.");
  }
}
