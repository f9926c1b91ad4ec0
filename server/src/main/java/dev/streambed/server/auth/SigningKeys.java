package dev.streambed.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 signing keys, {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request")}, kept per secret and scope: a client signs every request of a day with one.
 */
final class SigningKeys {
  private static final int MAX_KEPT = 4096;
  private final Map<String, byte[]> kept = new ConcurrentHashMap<>();

  byte[] key(String secret, Scope scope) {
    String id = scope.text() + "\n" + secret;
    byte[] key = kept.get(id);
    if (key == null) {
      key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date().getBytes(StandardCharsets.UTF_8));
      key = hmac(key, scope.region().getBytes(StandardCharsets.UTF_8));
      key = hmac(key, scope.service().getBytes(StandardCharsets.UTF_8));
      key = hmac(key, "aws4_request".getBytes(StandardCharsets.UTF_8));
      if (kept.size() >= MAX_KEPT) {
        kept.clear();
      }
      kept.put(id, key);
    }
    return key;
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
