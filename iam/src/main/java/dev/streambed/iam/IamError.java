package dev.streambed.iam;

import dev.streambed.kernel.error.ErrorCode;

/** IAM's and STS's error codes with the HTTP status AWS answers each with. */
public enum IamError implements ErrorCode {
  NO_SUCH_ENTITY("NoSuchEntity", 404),
  ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409),
  DELETE_CONFLICT("DeleteConflict", 409),
  LIMIT_EXCEEDED("LimitExceeded", 409),
  MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400),
  VALIDATION_ERROR("ValidationError", 400),
  INVALID_INPUT("InvalidInput", 400),
  ACCESS_DENIED("AccessDenied", 403),
  INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
  EXPIRED_TOKEN("ExpiredToken", 400);

  private final String code;
  private final int status;

  IamError(String code, int status) {
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
