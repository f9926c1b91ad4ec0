package dev.streambed.sqs;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.QueryCompatibleErrorCode;

/**
 * SQS's errors. SQS speaks JSON but keeps the codes of its Query API: {@code __type} names the
 * error's shape ({@code com.amazonaws.sqs#QueueDoesNotExist}) and {@code x-amzn-query-error}
 * carries the old code ({@code AWS.SimpleQueueService.NonExistentQueue;Sender}), which the SDKs
 * and the CLI show as the error code (Amazon SQS Developer Guide, "Interpreting Amazon SQS JSON
 * API responses"; pairs and statuses as AWS answered them in recorded responses).
 */
public enum SqsError implements QueryCompatibleErrorCode {
  QUEUE_DOES_NOT_EXIST("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", 400),
  QUEUE_NAME_EXISTS("QueueNameExists", "QueueAlreadyExists", 400),
  QUEUE_DELETED_RECENTLY("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently", 400),
  INVALID_PARAMETER_VALUE("InvalidParameterValueException", "InvalidParameterValue", 400),
  MISSING_PARAMETER("MissingRequiredParameterException", "MissingParameter", 400),
  INVALID_ATTRIBUTE_NAME("InvalidAttributeName", "InvalidAttributeName", 400),
  INVALID_ATTRIBUTE_VALUE("InvalidAttributeValue", "InvalidAttributeValue", 400),
  /** 404, the status SQS's Query API answered it with (not seen recorded over JSON). */
  RECEIPT_HANDLE_IS_INVALID("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 404),
  INVALID_MESSAGE_CONTENTS("InvalidMessageContents", "InvalidMessageContents", 400),
  EMPTY_BATCH_REQUEST("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", 400),
  TOO_MANY_ENTRIES_IN_BATCH_REQUEST("TooManyEntriesInBatchRequest",
      "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", 400),
  BATCH_ENTRY_IDS_NOT_DISTINCT("BatchEntryIdsNotDistinct",
      "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", 400),
  INVALID_BATCH_ENTRY_ID("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", 400),
  BATCH_REQUEST_TOO_LONG("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", 400),
  PURGE_QUEUE_IN_PROGRESS("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", 403);

  private final String code;
  private final String queryCode;
  private final int status;

  SqsError(String code, String queryCode, int status) {
    this.code = code;
    this.queryCode = queryCode;
    this.status = status;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String queryCode() {
    return queryCode;
  }

  @Override
  public int status() {
    return status;
  }

  public static AwsException queueDoesNotExist() {
    return new AwsException(QUEUE_DOES_NOT_EXIST, "The specified queue does not exist.");
  }

  /** AWS's wording for a parameter out of its range: "Value V for parameter P is invalid. Reason: R". */
  public static AwsException invalidParameter(Object value, String parameter, String reason) {
    return new AwsException(INVALID_PARAMETER_VALUE,
        "Value " + value + " for parameter " + parameter + " is invalid. Reason: " + reason);
  }

  public static AwsException invalid(String message) {
    return new AwsException(INVALID_PARAMETER_VALUE, message);
  }

  public static AwsException missing(String parameter) {
    return new AwsException(MISSING_PARAMETER, "The request must contain the parameter " + parameter + ".");
  }
}
