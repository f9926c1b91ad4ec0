package dev.streambed.logs.event;

import dev.streambed.logs.LogsError;

/**
 * A place between events of a stream, (timestamp, sequence), as GetLogEvents' tokens carry it:
 * {@code f/<56 digits>/s} reads forward from after it, {@code b/<56 digits>/s} backward from
 * before it, the shape of AWS's tokens.
 */
public record Position(boolean forward, long timestamp, long sequence) {

  public String token() {
    return (forward ? "f/" : "b/") + digits(timestamp ^ Long.MIN_VALUE) + digits(sequence ^ Long.MIN_VALUE)
        + "0000000000000000/s";
  }

  public static Position parse(String token) {
    if (token.length() != 60 || !(token.startsWith("f/") || token.startsWith("b/")) || !token.endsWith("/s")) {
      throw LogsError.invalidToken();
    }
    String d = token.substring(2, 58);
    for (int i = 0; i < d.length(); i++) {
      if (d.charAt(i) < '0' || d.charAt(i) > '9') {
        throw LogsError.invalidToken();
      }
    }
    try {
      long ts = Long.parseUnsignedLong(d.substring(0, 20)) ^ Long.MIN_VALUE;
      long seq = Long.parseUnsignedLong(d.substring(20, 40)) ^ Long.MIN_VALUE;
      return new Position(token.charAt(0) == 'f', ts, seq);
    } catch (NumberFormatException e) {
      throw LogsError.invalidToken();
    }
  }

  private static String digits(long unsigned) {
    String s = Long.toUnsignedString(unsigned);
    return "0".repeat(20 - s.length()) + s;
  }
}
