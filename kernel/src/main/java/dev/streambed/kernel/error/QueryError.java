package dev.streambed.kernel.error;

/** Errors of AWS's Query protocol that every Query service (IAM, STS) answers the same way. */
public enum QueryError implements ErrorCode {
  /** Malformed or missing parameters, as IAM and STS name it. */
  VALIDATION_ERROR("ValidationError", 400),
  INVALID_ACTION("InvalidAction", 400),
  MISSING_ACTION("MissingAction", 400),
  MALFORMED_QUERY_STRING("MalformedQueryString", 400),
  INTERNAL_FAILURE("InternalFailure", 500);

  private final String code;
  private final int status;

  QueryError(String code, int status) {
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
