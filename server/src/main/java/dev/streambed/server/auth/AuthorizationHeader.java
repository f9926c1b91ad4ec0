package dev.streambed.server.auth;

import dev.streambed.server.auth.AuthFailure.Kind;

/**
 * The parts of {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}, with
 * the IncompleteSignature messages AWS gives for a header that lacks any of them.
 */
record AuthorizationHeader(String credential, String signedHeaders, String signature) {
  static AuthorizationHeader parse(String header) {
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    String rest = header.startsWith(SigV4Verifier.ALGORITHM + " ")
        ? header.substring(SigV4Verifier.ALGORITHM.length() + 1) : null;
    if (rest != null) {
      for (String part : rest.split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        int eq = p.indexOf('=');
        if (eq < 0) {
          throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, "'" + p + "' not a valid key=value pair (missing "
              + "equal-sign) in Authorization header: '" + header + "'.");
        }
        String name = p.substring(0, eq);
        String value = p.substring(eq + 1);
        switch (name) {
          case "Credential" -> credential = value;
          case "SignedHeaders" -> signedHeaders = value;
          case "Signature" -> signature = value;
          default -> { }
        }
      }
    }
    StringBuilder missing = new StringBuilder();
    if (credential == null) {
      missing.append("Authorization header requires 'Credential' parameter. ");
    }
    if (signature == null) {
      missing.append("Authorization header requires 'Signature' parameter. ");
    }
    if (signedHeaders == null) {
      missing.append("Authorization header requires 'SignedHeaders' parameter. ");
    }
    if (!missing.isEmpty()) {
      throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, missing + "Authorization=" + header);
    }
    return new AuthorizationHeader(credential, signedHeaders, signature);
  }
}
