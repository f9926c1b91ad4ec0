package dev.streambed.lambda;

import dev.streambed.kernel.error.ErrorCode;

/** Lambda's error codes with the HTTP status Lambda answers each with. */
public enum LambdaError implements ErrorCode {
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
  RESOURCE_CONFLICT("ResourceConflictException", 409),
  /** A function ARN of another account: AWS answers 403 with no message. */
  ACCESS_DENIED("AccessDeniedException", 403),
  INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400),
  /** The same code, for the refusals Lambda answers without the {@code Type} member. */
  INVALID_PARAMETER_VALUE_UNTYPED("InvalidParameterValueException", 400),
  PRECONDITION_FAILED("PreconditionFailedException", 412),
  TOO_MANY_REQUESTS("TooManyRequestsException", 429),
  INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400),
  /** The code Lambda answers on the wire, though its API reference names RequestTooLargeException. */
  REQUEST_TOO_LARGE("RequestEntityTooLargeException", 413),
  SERVICE("ServiceException", 500);

  private final String code;
  private final int status;

  LambdaError(String code, int status) {
    this.code = code;
    this.status = status;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public int status() {
    return status;
  }
}
