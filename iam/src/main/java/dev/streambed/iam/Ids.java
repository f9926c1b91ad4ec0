package dev.streambed.iam;

import java.util.random.RandomGenerator;

/**
 * AWS's unique ids: a four-letter prefix that names the kind (AROA role, AIDA user, ANPA policy,
 * AKIA access key, ASIA temporary key) and upper-case letters and digits. The random source is
 * injected so that tests can fix it.
 */
public final class Ids {
  private static final char[] UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  private final RandomGenerator random;

  public Ids(RandomGenerator random) {
    this.random = random;
  }

  /** A role, user or policy id: the prefix and 17 characters (21 in all). */
  public String uniqueId(String prefix) {
    return prefix + chars(UPPER, 17);
  }

  /** An access key id: the prefix and 16 characters (20 in all). */
  public String accessKeyId(String prefix) {
    return prefix + chars(UPPER, 16);
  }

  /** A 40-character secret access key. */
  public String secret() {
    return chars(SECRET, 40);
  }

  /** A session token: long and opaque, as STS's are. */
  public String sessionToken() {
    return "FwoGZXIvYXdzE" + chars(SECRET, 300);
  }

  private String chars(char[] alphabet, int n) {
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(out);
  }
}
