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
  JSON, SQS, QUERY, REST;

  /** The protocol of a JSON service by its signing name: SQS keeps its Query API's codes. */
  public static Wire json(String signingName) {
    return "sqs".equals(signingName) ? SQS : JSON;
  }

  /** The refusal of a signature, as this protocol answers it. */
  public AwsException refusal(AuthFailure f) {
    ErrorCode code = switch (this) {
      case JSON -> switch (f.kind()) {
        case MISSING_TOKEN -> CommonError.MISSING_AUTHENTICATION_TOKEN;
        case INCOMPLETE_SIGNATURE -> CommonError.INCOMPLETE_SIGNATURE;
        case INVALID_SIGNATURE -> CommonError.INVALID_SIGNATURE;
        case UNRECOGNIZED_CLIENT -> CommonError.UNRECOGNIZED_CLIENT;
        case EXPIRED_TOKEN -> CommonError.EXPIRED_TOKEN;
      };
      case SQS -> switch (f.kind()) {
        case MISSING_TOKEN -> SqsCode.MISSING_AUTHENTICATION_TOKEN;
        case INCOMPLETE_SIGNATURE -> SqsCode.INCOMPLETE_SIGNATURE;
        case INVALID_SIGNATURE -> SqsCode.SIGNATURE_DOES_NOT_MATCH;
        case UNRECOGNIZED_CLIENT -> SqsCode.INVALID_CLIENT_TOKEN_ID;
        case EXPIRED_TOKEN -> SqsCode.EXPIRED_TOKEN;
      };
      case QUERY -> switch (f.kind()) {
        case MISSING_TOKEN -> QueryCode.MISSING_AUTHENTICATION_TOKEN;
        case INCOMPLETE_SIGNATURE -> QueryCode.INCOMPLETE_SIGNATURE;
        case INVALID_SIGNATURE -> QueryCode.SIGNATURE_DOES_NOT_MATCH;
        case UNRECOGNIZED_CLIENT -> QueryCode.INVALID_CLIENT_TOKEN_ID;
        case EXPIRED_TOKEN -> QueryCode.EXPIRED_TOKEN;
      };
      case REST -> switch (f.kind()) {
        case MISSING_TOKEN -> RestCode.MISSING_AUTHENTICATION_TOKEN;
        case INCOMPLETE_SIGNATURE -> RestCode.INCOMPLETE_SIGNATURE;
        case INVALID_SIGNATURE -> RestCode.INVALID_SIGNATURE;
        case UNRECOGNIZED_CLIENT -> RestCode.UNRECOGNIZED_CLIENT;
        case EXPIRED_TOKEN -> RestCode.EXPIRED_TOKEN;
      };
    };
    String message = f.getMessage();
    if (f.kind() == AuthFailure.Kind.MISSING_TOKEN) {
      // Lambda's front end words it as API Gateway does; the others as their common framework.
      message = this == REST ? "Missing Authentication Token" : "Request is missing Authentication Token";
    }
    return new AwsException(code, message);
  }

  /** IAM's denial of an action, as this protocol answers it. */
  public AwsException accessDenied(String message) {
    ErrorCode code = switch (this) {
      case JSON -> CommonError.ACCESS_DENIED;
      case SQS -> SqsCode.ACCESS_DENIED;
      case QUERY -> QueryCode.ACCESS_DENIED;
      case REST -> RestCode.ACCESS_DENIED;
    };
    return new AwsException(code, message);
  }

  /** The Query services' codes (IAM, STS), with AWS's statuses for them. */
  enum QueryCode implements ErrorCode {
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403),
    EXPIRED_TOKEN("ExpiredToken", 400),
    ACCESS_DENIED("AccessDenied", 403);

    private final String code;
    private final int status;

    QueryCode(String code, int status) {
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

  /** Lambda's codes: every refusal of its front end is a 403. */
  enum RestCode implements ErrorCode {
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 403),
    INVALID_SIGNATURE("InvalidSignatureException", 403),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403),
    EXPIRED_TOKEN("ExpiredTokenException", 403),
    ACCESS_DENIED("AccessDeniedException", 403);

    private final String code;
    private final int status;

    RestCode(String code, int status) {
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

  /** SQS's: the JSON shape's name, and the Query API's code the SDKs report. */
  enum SqsCode implements QueryCompatibleErrorCode {
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", "MissingAuthenticationToken", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", "IncompleteSignature", 400),
    SIGNATURE_DOES_NOT_MATCH("InvalidSignatureException", "SignatureDoesNotMatch", 403),
    INVALID_CLIENT_TOKEN_ID("UnrecognizedClientException", "InvalidClientTokenId", 403),
    EXPIRED_TOKEN("ExpiredTokenException", "ExpiredToken", 403),
    ACCESS_DENIED("AccessDeniedException", "AccessDenied", 403);

    private final String code;
    private final String queryCode;
    private final int status;

    SqsCode(String code, String queryCode, int status) {
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
  }
}
