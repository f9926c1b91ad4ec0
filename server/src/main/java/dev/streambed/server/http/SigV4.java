package dev.streambed.server.http;

/**
 * The parts of a SigV4 {@code Authorization} header that say who signed a request and where:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/dynamodb/aws4_request, ...}.
 * Verification of the signature itself is a separate, optional step.
 */
public record SigV4(String accessKeyId, String date, String region, String service) {
  private static final String SCHEME = "AWS4-HMAC-SHA256";
  private static final String CREDENTIAL = "Credential=";

  /** The parsed credential scope, or null when the header is absent or not SigV4. */
  public static SigV4 parse(String authorization) {
    if (authorization == null || !authorization.startsWith(SCHEME)) {
      return null;
    }
    int c = authorization.indexOf(CREDENTIAL, SCHEME.length());
    if (c < 0) {
      return null;
    }
    int start = c + CREDENTIAL.length();
    int end = authorization.indexOf(',', start);
    if (end < 0) {
      end = authorization.length();
    }
    // Five parts separated by '/': key, date, region, service, "aws4_request".
    String[] parts = new String[5];
    int from = start;
    for (int i = 0; i < 4; i++) {
      int slash = authorization.indexOf('/', from);
      if (slash < 0 || slash >= end) {
        return null;
      }
      parts[i] = authorization.substring(from, slash).trim();
      from = slash + 1;
    }
    if (authorization.indexOf('/', from) >= 0 && authorization.indexOf('/', from) < end) {
      return null;
    }
    return new SigV4(parts[0], parts[1], parts[2], parts[3]);
  }
}
