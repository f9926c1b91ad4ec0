package dev.streambed.kernel.error;

/** Errors of the JSON protocols that every service answers the same way. */
public enum CommonError implements ErrorCode {
  VALIDATION("ValidationException", 400),
  SERIALIZATION("SerializationException", 400),
  UNKNOWN_OPERATION("UnknownOperationException", 400),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
  /** A request signed with an access key nobody issued, or with a security token that is not its own. */
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
  INVALID_SIGNATURE("InvalidSignatureException", 400),
  INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
  EXPIRED_TOKEN("ExpiredTokenException", 400),
  /** What the JSON services (DynamoDB, Streams, Logs) answer when IAM denies the caller. */
  ACCESS_DENIED("AccessDeniedException", 400),
  REQUEST_TIMEOUT("RequestTimeoutException", 408),
  REQUEST_TOO_LARGE("RequestEntityTooLarge", 413),
  INTERNAL_SERVER_ERROR("InternalServerError", 500);

  private final String code;
  private final int status;

  CommonError(String code, int status) {
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
