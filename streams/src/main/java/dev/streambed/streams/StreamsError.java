package dev.streambed.streams;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.ErrorCode;

/** DynamoDB Streams' error codes; it answers every client error with 400, as DynamoDB does. */
public enum StreamsError implements ErrorCode {
  RESOURCE_NOT_FOUND("ResourceNotFoundException"),
  TRIMMED_DATA_ACCESS("TrimmedDataAccessException"),
  EXPIRED_ITERATOR("ExpiredIteratorException"),
  LIMIT_EXCEEDED("LimitExceededException");

  private final String code;

  StreamsError(String code) {
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

  static AwsException streamNotFound(String arn) {
    return new AwsException(RESOURCE_NOT_FOUND, "Requested resource not found: Stream: " + arn + " not found");
  }

  static AwsException shardNotFound() {
    return new AwsException(RESOURCE_NOT_FOUND, "Shard does not exist");
  }

  static AwsException trimmed() {
    return new AwsException(TRIMMED_DATA_ACCESS, "The data you are trying to access has been trimmed");
  }
}
