package dev.streambed.server.http;

/**
 * The parts of a SigV4 {@code Authorization} header that say who signed a request and where:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/dynamodb/aws4_request, ...}.
 * Verification of the signature itself is a separate, optional step.
 */
public record SigV4(String accessKeyId, String date, String region, String service) {
  private static final String SCHEME = "AWS4-HMAC-SHA256";

  /** The parsed credential scope, or null when the header is absent or not SigV4. */
  public static SigV4 parse(String authorization) {
    if (authorization == null || !authorization.startsWith(SCHEME)) {
      return null;
    }
    int c = authorization.indexOf("Credential=", SCHEME.length());
    if (c < 0) {
      return null;
    }
    int start = c + "Credential=".length();
    int end = authorization.indexOf(',', start);
    if (end < 0) {
      end = authorization.length();
    }
    String[] scope = authorization.substring(start, end).trim().split("/");
    if (scope.length != 5) {
      return null;
    }
    return new SigV4(scope[0], scope[1], scope[2], scope[3]);
  }
}
