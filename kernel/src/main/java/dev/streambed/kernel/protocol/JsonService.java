package dev.streambed.kernel.protocol;

import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.error.ErrorCode;
import java.util.Map;

/**
 * A service spoken over an AWS JSON protocol and routed by the {@code X-Amz-Target} header:
 * {@code <targetPrefix>.<Operation>}.
 *
 * @param targetPrefix the part of X-Amz-Target before the dot, e.g. {@code DynamoDB_20120810}
 * @param errorTypePrefix what precedes the code in {@code __type}, e.g.
 *     {@code com.amazonaws.dynamodb.v20120810#}
 * @param contentType the response content type, e.g. {@code application/x-amz-json-1.0}
 * @param signingName the SigV4 service name the SDKs sign requests to this service with
 * @param operations the one operation table, keyed by operation name
 */
public record JsonService(
    String targetPrefix,
    String errorTypePrefix,
    String contentType,
    String signingName,
    Map<String, JsonOperation> operations) {

  /**
   * The {@code __type} of an error. AWS's JSON services answer validation and decoding failures
   * from their common framework, under its namespaces, and their own errors under the
   * service's.
   */
  public String errorType(ErrorCode code) {
    if (code == CommonError.VALIDATION) {
      return "com.amazon.coral.validate#" + code.code();
    }
    if (code instanceof CommonError) {
      return "com.amazon.coral.service#" + code.code();
    }
    return errorTypePrefix + code.code();
  }
}
