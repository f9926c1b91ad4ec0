package dev.streambed.kernel.error;

import java.util.Map;

/**
 * The one error type of Streambed's services: an AWS error code, AWS's message, and optional
 * extra fields the protocol renders beside them (for example the {@code Item} of a
 * ConditionalCheckFailedException). The front door turns it into the wire form of each protocol;
 * services never see HTTP statuses.
 */
public class AwsException extends RuntimeException {
  private final ErrorCode errorCode;
  private final transient Map<String, Object> extras;
  private final String messageMember;

  public AwsException(ErrorCode errorCode, String message) {
    this(errorCode, message, Map.of());
  }

  public AwsException(ErrorCode errorCode, String message, Map<String, Object> extras) {
    this(errorCode, message, extras, "message");
  }

  /**
   * An error whose JSON body names its message {@code messageMember}: AWS writes most messages as
   * {@code message}, some as {@code Message} (a ConditionalCheckFailedException carrying the item).
   */
  public AwsException(ErrorCode errorCode, String message, Map<String, Object> extras, String messageMember) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.extras = extras;
    this.messageMember = messageMember;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Extra fields rendered beside code and message, keyed by their wire names. */
  public Map<String, Object> extras() {
    return extras;
  }

  /** The member of a JSON error body that carries the message. */
  public String messageMember() {
    return messageMember;
  }

  public static AwsException validation(String message) {
    return new AwsException(CommonError.VALIDATION, message);
  }
}
