package dev.streambed.console.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Visitors' sessions, by a random id in a cookie. A session's form token is an HMAC of its id
 * under a key drawn when Streambed starts, so it cannot be guessed from another site, and every
 * state-changing request must carry it (with the Origin check of {@link Guard}). Under strict
 * authentication a session also remembers whom it was signed in as; signing in gives it a new id,
 * so an id planted in a browser before sign-in is never one that is signed in.
 */
public final class Sessions {
  static final String COOKIE = "streambed-console";
  private static final int MAX_FLASHES = 10_000;
  private static final int MAX_SIGNED_IN = 10_000;
  private final SecureRandom random = new SecureRandom();
  private final byte[] key = new byte[32];
  private final Map<String, String> flashes = new ConcurrentHashMap<>();
  private final Map<String, String> signedIn = new ConcurrentHashMap<>();

  public Sessions() {
    random.nextBytes(key);
  }

  /** One visitor: its id, whether the cookie is new, and its form token. */
  public final class Session {
    private final String id;
    private final boolean fresh;

    Session(String id, boolean fresh) {
      this.id = id;
      this.fresh = fresh;
    }

    public boolean fresh() {
      return fresh;
    }

    public String id() {
      return id;
    }

    /** The ARN this session was signed in as; null before sign-in. */
    public String who() {
      return signedIn.get(id);
    }

    public String csrfToken() {
      return token(id);
    }

    void flash(String message) {
      if (flashes.size() < MAX_FLASHES) {
        flashes.put(id, message);
      }
    }

    String takeFlash() {
      return flashes.remove(id);
    }

    String cookie() {
      return COOKIE + "=" + id + "; Path=/console; HttpOnly; SameSite=Strict";
    }
  }

  /** The session a request's cookie names, or a new one. */
  Session of(String cookieHeader) {
    String id = cookie(cookieHeader);
    if (id != null && id.length() == 32 && id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
      return new Session(id, false);
    }
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
  }

  /**
   * A new session signed in as {@code who}, in place of {@code before}; null when too many are
   * signed in at once.
   */
  Session signIn(Session before, String who) {
    signOut(before);
    if (signedIn.size() >= MAX_SIGNED_IN) {
      return null;
    }
    Session after = of(null);
    signedIn.put(after.id(), who);
    return after;
  }

  void signOut(Session session) {
    signedIn.remove(session.id());
    flashes.remove(session.id());
  }

  /** Whether {@code token} is the session's form token (compared in constant time). */
  boolean valid(Session session, String token) {
    if (token == null || session.fresh()) {
      return false;
    }
    return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
        token(session.id()).getBytes(StandardCharsets.UTF_8));
  }

  private String token(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String cookie(String header) {
    if (header == null) {
      return null;
    }
    for (String part : header.split(";")) {
      String p = part.strip();
      if (p.startsWith(COOKIE + "=")) {
        return p.substring(COOKIE.length() + 1);
      }
    }
    return null;
  }
}
