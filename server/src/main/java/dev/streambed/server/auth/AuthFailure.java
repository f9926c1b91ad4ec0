package dev.streambed.server.auth;

/**
 * Why a request's signature was refused, in terms every protocol can render: each kind is one
 * error of AWS's, named differently by JSON, Query and REST services (UnrecognizedClientException
 * or InvalidClientTokenId, InvalidSignatureException or SignatureDoesNotMatch, ...).
 */
public final class AuthFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kinds of refusal AWS distinguishes. */
  public enum Kind {
    /** No Authorization header and no signed query string. */
    MISSING_TOKEN,
    /** An Authorization header or query string that lacks parts, or is not SigV4. */
    INCOMPLETE_SIGNATURE,
    /** A well-formed signature that does not verify: wrong secret, scope, or time. */
    INVALID_SIGNATURE,
    /** An access key nobody issued, or a session token that is not the key's. */
    UNRECOGNIZED_CLIENT,
    /** Temporary credentials past their expiration. */
    EXPIRED_TOKEN
  }

  /** AWS's words for the refusals whose text does not depend on the request. */
  public static final String INVALID_TOKEN = "The security token included in the request is invalid.";
  public static final String EXPIRED = "The security token included in the request is expired";
  public static final String MISMATCH = "The request signature we calculated does not match the signature you "
      + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

  private final Kind kind;

  public AuthFailure(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
