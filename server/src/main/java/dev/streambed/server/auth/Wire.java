package dev.streambed.server.auth;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.error.ErrorCode;
import dev.streambed.kernel.error.QueryCompatibleErrorCode;

/**
 * How each protocol names the refusals of authentication and authorization. AWS's JSON services
 * (DynamoDB, Streams, Logs) answer them from their common framework with status 400
 * ({@code com.amazon.coral.service#UnrecognizedClientException}); SQS keeps its Query API's codes
 * in {@code x-amzn-query-error} ({@code InvalidClientTokenId}); the Query services (IAM, STS)
 * answer {@code InvalidClientTokenId}, {@code SignatureDoesNotMatch}, {@code AccessDenied}...;
 * Lambda's REST API answers the JSON names with status 403.
 */
public enum Wire {
  JSON(CommonError.MISSING_AUTHENTICATION_TOKEN, CommonError.INCOMPLETE_SIGNATURE, CommonError.INVALID_SIGNATURE,
      CommonError.UNRECOGNIZED_CLIENT, CommonError.EXPIRED_TOKEN, CommonError.ACCESS_DENIED),
  /** SQS's: the JSON shape's name, and the Query API's code the SDKs report. */
  SQS(new SqsCode("MissingAuthenticationTokenException", "MissingAuthenticationToken", 403),
      new SqsCode("IncompleteSignatureException", "IncompleteSignature", 400),
      new SqsCode("InvalidSignatureException", "SignatureDoesNotMatch", 403),
      new SqsCode("UnrecognizedClientException", "InvalidClientTokenId", 403),
      new SqsCode("ExpiredTokenException", "ExpiredToken", 403),
      new SqsCode("AccessDeniedException", "AccessDenied", 403)),
  /** The Query services' codes (IAM, STS), with AWS's statuses for them. */
  QUERY(new Code("MissingAuthenticationToken", 403), new Code("IncompleteSignature", 400),
      new Code("SignatureDoesNotMatch", 403), new Code("InvalidClientTokenId", 403),
      new Code("ExpiredToken", 400), new Code("AccessDenied", 403)),
  /** Lambda's codes: every refusal of its front end is a 403. */
  REST(new Code("MissingAuthenticationTokenException", 403), new Code("IncompleteSignatureException", 403),
      new Code("InvalidSignatureException", 403), new Code("UnrecognizedClientException", 403),
      new Code("ExpiredTokenException", 403), new Code("AccessDeniedException", 403));

  /** A refusal's code in a protocol that has no enum of its own for it. */
  private record Code(String code, int status) implements ErrorCode {}

  private record SqsCode(String code, String queryCode, int status) implements QueryCompatibleErrorCode {}

  /** The code of each kind of signature refusal, by {@link AuthFailure.Kind} ordinal. */
  private final ErrorCode[] refusals;
  private final ErrorCode accessDenied;

  Wire(ErrorCode missingToken, ErrorCode incompleteSignature, ErrorCode invalidSignature,
      ErrorCode unrecognizedClient, ErrorCode expiredToken, ErrorCode accessDenied) {
    this.refusals = new ErrorCode[] {missingToken, incompleteSignature, invalidSignature, unrecognizedClient,
        expiredToken};
    this.accessDenied = accessDenied;
  }

  /** The protocol of a JSON service by its signing name: SQS keeps its Query API's codes. */
  public static Wire json(String signingName) {
    return "sqs".equals(signingName) ? SQS : JSON;
  }

  /** The refusal of a signature, as this protocol answers it. */
  public AwsException refusal(AuthFailure f) {
    String message = f.getMessage();
    if (f.kind() == AuthFailure.Kind.MISSING_TOKEN) {
      // Lambda's front end words it as API Gateway does; the others as their common framework.
      message = this == REST ? "Missing Authentication Token" : "Request is missing Authentication Token";
    }
    return new AwsException(refusals[f.kind().ordinal()], message);
  }

  /** IAM's denial of an action, as this protocol answers it. */
  public AwsException accessDenied(String message) {
    return new AwsException(accessDenied, message);
  }
}
