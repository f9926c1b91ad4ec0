package dev.streambed.lambda.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Runtime versions as Lambda names them: a version such as {@code python:3.13.v14} and an ARN
 * {@code arn:aws:lambda:REGION::runtime:} + 64 hexadecimal digits, shown by GetFunction and in the
 * {@code INIT_START} line of every cold start. Streambed has one version of each runtime.
 */
public final class RuntimeVersions {
  private static final String NUMBER = "v1";

  private RuntimeVersions() {}

  /** The runtime version's id (64 hexadecimal digits), fixed per runtime. */
  public static String id(String runtime) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("streambed runtime " + runtime).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code python3.13} is {@code python:3.13.v1}, {@code nodejs20.x} {@code nodejs:20.v1}. */
  static String name(String runtime) {
    String r = runtime.toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < r.length() && Character.isLetter(r.charAt(i))) {
      i++;
    }
    String rest = r.substring(i);
    if (rest.startsWith(".")) {
      rest = rest.substring(1);
    }
    if (rest.endsWith(".x")) {
      rest = rest.substring(0, rest.length() - 2);
    }
    return r.substring(0, i) + ":" + rest + "." + NUMBER;
  }

  /** The line Lambda writes first in a new environment's log stream. */
  static String initStart(String runtime, String region) {
    return "INIT_START Runtime Version: " + name(runtime) + "\tRuntime Version ARN: arn:aws:lambda:" + region
        + "::runtime:" + id(runtime);
  }
}
