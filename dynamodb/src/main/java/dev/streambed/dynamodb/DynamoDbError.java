package dev.streambed.dynamodb;

import dev.streambed.kernel.error.ErrorCode;

/** DynamoDB's error codes with the HTTP status DynamoDB answers each with. */
public enum DynamoDbError implements ErrorCode {
  RESOURCE_NOT_FOUND("ResourceNotFoundException"),
  RESOURCE_IN_USE("ResourceInUseException"),
  CONDITIONAL_CHECK_FAILED("ConditionalCheckFailedException"),
  LIMIT_EXCEEDED("LimitExceededException"),
  TRANSACTION_CANCELED("TransactionCanceledException"),
  TRANSACTION_CONFLICT("TransactionConflictException"),
  TRANSACTION_IN_PROGRESS("TransactionInProgressException"),
  ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED("ItemCollectionSizeLimitExceededException"),
  IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatchException"),
  ACCESS_DENIED("AccessDeniedException"),
  /** PartiQL's INSERT of an item whose key is already there. */
  DUPLICATE_ITEM("DuplicateItemException");

  private final String code;

  DynamoDbError(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  /** DynamoDB answers every client error with 400. */
  @Override
  public int status() {
    return 400;
  }
}
