package dev.streambed.kernel.error;

/**
 * An AWS error code with the HTTP status AWS answers it with. Each service family has an enum
 * of its own codes, because the same name can carry different statuses in different services
 * (ResourceNotFoundException is 400 in DynamoDB and 404 in Lambda).
 */
public interface ErrorCode {
  /** The code as AWS names it, for example {@code ValidationException}. */
  String code();

  /** The HTTP status AWS answers with. */
  int status();
}
