package dev.streambed.server.auth;

import dev.streambed.server.auth.AuthFailure.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Verifies AWS Signature Version 4 as AWS's services do, in both of its forms: the
 * {@code Authorization} header and the presigned query string ({@code X-Amz-Signature=...}). It
 * rebuilds the canonical request from what came on the wire (the path encoded once more, the
 * query re-encoded and sorted, every signed header, the body's SHA-256), checks the credential
 * scope and AWS's 15 minutes of clock skew, and compares signatures in constant time. Refusals
 * are {@link AuthFailure}s carrying AWS's messages.
 */
public final class SigV4Verifier {
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final String TERMINATOR = "aws4_request";
  /** AWS refuses a request dated more than 15 minutes from its own clock, either way. */
  private static final Duration SKEW = Duration.ofMinutes(15);
  /** The longest a presigned request may stay valid: seven days, as SigV4 documents. */
  private static final long MAX_EXPIRES = 604_800;
  static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();
  private static final String EMPTY_SHA256 = HEX.formatHex(sha256(ByteBuffer.allocate(0)));

  private final Keys keys;
  private final Clock clock;
  private final SigningKeys signingKeys = new SigningKeys();

  public SigV4Verifier(Keys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** Whether the request carries a signature of either form at all. */
  public static boolean signed(SignedRequest r) {
    return r.header("authorization") != null || queryHas(r.rawQuery(), "X-Amz-Algorithm")
        || queryHas(r.rawQuery(), "X-Amz-Signature") || queryHas(r.rawQuery(), "X-Amz-Credential");
  }

  /** Verifies the request's signature; an {@link AuthFailure} says why it is refused. */
  public Verified verify(SignedRequest r) {
    String authorization = r.header("authorization");
    if (authorization != null) {
      return verifyHeader(r, authorization);
    }
    if (signed(r)) {
      return verifyQuery(r);
    }
    throw new AuthFailure(Kind.MISSING_TOKEN, null);
  }

  private Verified verifyHeader(SignedRequest r, String authorization) {
    AuthorizationHeader h = AuthorizationHeader.parse(authorization);
    String amzDate = r.header("x-amz-date");
    Instant date;
    if (amzDate != null) {
      date = basicDate(amzDate);
    } else if (r.header("date") != null) {
      date = httpDate(r.header("date"));
    } else {
      throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, "Authorization header requires existence of either a "
          + "'X-Amz-Date' or a 'Date' header. Authorization=" + authorization);
    }
    Scope scope = Scope.parse(h.credential());
    Keys.Key key = keys.find(scope.accessKeyId(), r.header("x-amz-security-token"));
    scope.check(date);
    checkSkew(date, clock.instant());
    String canonical = CanonicalRequest.build(r.method(), r.rawPath(), r.rawQuery(), h.signedHeaders(),
        r.headers(), HEX.formatHex(sha256(r.body())), null);
    check(canonical, date, scope, key, h.signature());
    return new Verified(scope.accessKeyId(), scope.date(), scope.region(), scope.service(), key.callerArn());
  }

  private Verified verifyQuery(SignedRequest r) {
    Map<String, String> q = CanonicalRequest.decodedQuery(r.rawQuery());
    String algorithm = q.get("X-Amz-Algorithm");
    String credential = q.get("X-Amz-Credential");
    String signature = q.get("X-Amz-Signature");
    String amzDate = q.get("X-Amz-Date");
    String signedHeaders = q.get("X-Amz-SignedHeaders");
    if (algorithm == null || credential == null || signature == null || amzDate == null || signedHeaders == null) {
      throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, "AWS query-string parameters must include "
          + "'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'. "
          + "Re-examine the query-string parameters.");
    }
    if (!algorithm.equals(ALGORITHM)) {
      throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, "Unsupported AWS 'algorithm': '" + algorithm + "'");
    }
    Instant date = basicDate(amzDate);
    Scope scope = Scope.parse(credential);
    Keys.Key key = keys.find(scope.accessKeyId(), q.get("X-Amz-Security-Token"));
    scope.check(date);
    Instant now = clock.instant();
    String expiresText = q.get("X-Amz-Expires");
    if (expiresText == null) {
      checkSkew(date, now);
    } else {
      long expires = expires(expiresText);
      if (date.isAfter(now.plus(SKEW))) {
        checkSkew(date, now);
      }
      if (now.isAfter(date.plusSeconds(expires))) {
        throw new AuthFailure(Kind.INVALID_SIGNATURE, "Signature expired: " + BASIC.format(date)
            + " is now earlier than " + BASIC.format(now.minusSeconds(expires)) + " (" + BASIC.format(now)
            + " - " + expires + " sec.)");
      }
    }
    // A presigned URL cannot know the body it will carry: its payload is UNSIGNED-PAYLOAD (what
    // botocore and the SDKs' presigners write), or the hash of the body for signers that hash it.
    String bodyHash = HEX.formatHex(sha256(r.body()));
    for (String payload : List.of("UNSIGNED-PAYLOAD", bodyHash)) {
      String canonical = CanonicalRequest.build(r.method(), r.rawPath(), r.rawQuery(), signedHeaders,
          r.headers(), payload, "X-Amz-Signature");
      if (matches(canonical, date, scope, key, signature)) {
        return new Verified(scope.accessKeyId(), scope.date(), scope.region(), scope.service(), key.callerArn());
      }
    }
    throw new AuthFailure(Kind.INVALID_SIGNATURE, AuthFailure.MISMATCH);
  }

  private static long expires(String text) {
    long expires;
    try {
      expires = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, "X-Amz-Expires should be a number");
    }
    if (expires < 0 || expires > MAX_EXPIRES) {
      throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, "X-Amz-Expires must be non-negative and less than "
          + "a week (in seconds); that is, the maximum is " + MAX_EXPIRES);
    }
    return expires;
  }

  private void check(String canonical, Instant date, Scope scope, Keys.Key key, String signature) {
    if (!matches(canonical, date, scope, key, signature)) {
      throw new AuthFailure(Kind.INVALID_SIGNATURE, AuthFailure.MISMATCH);
    }
  }

  private boolean matches(String canonical, Instant date, Scope scope, Keys.Key key, String signature) {
    String stringToSign = ALGORITHM + "\n" + BASIC.format(date) + "\n" + scope.text() + "\n"
        + HEX.formatHex(sha256(ByteBuffer.wrap(canonical.getBytes(StandardCharsets.UTF_8))));
    byte[] expected = SigningKeys.hmac(signingKeys.key(key.secretAccessKey(), scope),
        stringToSign.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(HEX.formatHex(expected).getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /** AWS's words when a request's date is more than 15 minutes away from the server's clock. */
  static void checkSkew(Instant date, Instant now) {
    if (date.isBefore(now.minus(SKEW))) {
      throw new AuthFailure(Kind.INVALID_SIGNATURE, "Signature expired: " + BASIC.format(date)
          + " is now earlier than " + BASIC.format(now.minus(SKEW)) + " (" + BASIC.format(now) + " - 15 min.)");
    }
    if (date.isAfter(now.plus(SKEW))) {
      throw new AuthFailure(Kind.INVALID_SIGNATURE, "Signature not yet current: " + BASIC.format(date)
          + " is still later than " + BASIC.format(now.plus(SKEW)) + " (" + BASIC.format(now) + " + 15 min.)");
    }
  }

  private static Instant basicDate(String text) {
    try {
      return Instant.from(BASIC.parse(text));
    } catch (DateTimeParseException e) {
      throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '" + text
          + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
  }

  private static Instant httpDate(String text) {
    try {
      return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text));
    } catch (DateTimeParseException e) {
      throw new AuthFailure(Kind.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic format'. Got '" + text
          + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
  }

  private static boolean queryHas(String rawQuery, String name) {
    if (rawQuery == null) {
      return false;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.equals(name) || pair.startsWith(name + "=")) {
        return true;
      }
    }
    return false;
  }

  static byte[] sha256(ByteBuffer data) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(data.duplicate());
      return digest.digest();
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static String emptySha256() {
    return EMPTY_SHA256;
  }
}
