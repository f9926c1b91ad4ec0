package dev.streambed.server.auth;

import dev.streambed.server.auth.AuthFailure.Kind;
import java.time.Instant;

/** A credential: {@code AKID/YYYYMMDD/REGION/SERVICE/aws4_request}. */
record Scope(String accessKeyId, String date, String region, String service, String terminator) {
  static Scope parse(String credential) {
    String[] parts = credential.split("/", -1);
    if (parts.length != 5) {
      throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited elements, "
          + "e.g. keyid/date/region/service/term, got '" + credential + "'");
    }
    return new Scope(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }

  /** The scope as the string to sign names it (everything after the key id). */
  String text() {
    return date + "/" + region + "/" + service + "/" + terminator;
  }

  /** Checks the terminator, the region and the date against the request's own date. */
  void check(Instant requestDate) {
    if (!terminator.equals("aws4_request")) {
      throw new AuthFailure(Kind.INVALID_SIGNATURE, "Credential should be scoped with a valid terminator: "
          + "'aws4_request', not '" + terminator + "'. ");
    }
    if (region.isEmpty()) {
      throw new AuthFailure(Kind.INVALID_SIGNATURE, "Credential should be scoped to a valid region. ");
    }
    String basic = SigV4Verifier.BASIC.format(requestDate);
    if (!basic.startsWith(date) || date.length() != 8) {
      throw new AuthFailure(Kind.INVALID_SIGNATURE, "Date in Credential scope does not match YYYYMMDD from "
          + "ISO-8601 version of date from HTTP: '" + date + "' != '" + basic.substring(0, 8) + "', from '"
          + basic + "'.");
    }
  }
}
