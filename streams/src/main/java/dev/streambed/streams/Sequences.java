package dev.streambed.streams;

/**
 * Sequence numbers as AWS writes them: decimal strings of at least 21 digits. Inside, a stream
 * counts with a long; outside, the number is zero-padded to 21 digits, so that comparing the
 * strings as numbers (as consumers do) agrees with the order of the writes.
 */
public final class Sequences {
  private static final int WIDTH = 21;
  /** A number that is too large for any stream here, standing for every number beyond a long. */
  public static final long BEYOND = Long.MAX_VALUE;

  private Sequences() {}

  public static String format(long sequence) {
    String digits = Long.toString(sequence);
    if (digits.length() >= WIDTH) {
      return digits;
    }
    StringBuilder b = new StringBuilder(WIDTH);
    for (int i = digits.length(); i < WIDTH; i++) {
      b.append('0');
    }
    return b.append(digits).toString();
  }

  /**
   * The value of a sequence number a client sent, {@link #BEYOND} when it is larger than any
   * this process can have written, or -1 when it is not a number.
   */
  public static long parse(String text) {
    if (text == null || text.isEmpty()) {
      return -1;
    }
    int i = 0;
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    while (i < text.length() - 1 && text.charAt(i) == '0') {
      i++;
    }
    String significant = text.substring(i);
    if (significant.length() > 18) {
      return BEYOND;
    }
    return Long.parseLong(significant);
  }
}
