package dev.streambed.iam.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values IAM accepts in Date conditions when it stores a policy: epoch seconds as a signed
 * 64-bit number, or an ISO 8601 date with optional time and offset, read leniently as IAM reads
 * them (recorded AWS answers, February 2026): "01T", "2016-12-13t2:00:00.593194+23" and
 * "-292275054" pass; "234-13", a ten-digit fraction, an offset "+1" and 9223372036854775808 are
 * "The policy failed legacy parsing".
 */
final class PolicyDates {
  private static final Pattern ISO = Pattern.compile(
      "([+-]?\\d{1,9})"
          + "(?:-(\\d{1,2})(?:-(\\d{1,2}))?|-(\\d{3})|-[Ww](\\d{1,2})(?:-(\\d))?)?"
          + "(?:[Tt]"
          + "(?:(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2}))?)?(?:[.,]\\d{1,9})?)?"
          + "(?:[Zz]|[+-](\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,]\\d{1,3})?)?)?)?"
          + ")?");

  private PolicyDates() {}

  static boolean valid(String value) {
    try {
      Long.parseLong(value);
      return true;
    } catch (NumberFormatException notEpoch) {
      // an ISO 8601 form, then
    }
    Matcher m = ISO.matcher(value);
    if (!m.matches()) {
      return false;
    }
    return in(m.group(2), 1, 12) && in(m.group(3), 1, 31) && in(m.group(4), 1, 366)
        && in(m.group(5), 1, 53) && in(m.group(6), 1, 7)
        && in(m.group(7), 0, 23) && in(m.group(8), 0, 59) && in(m.group(9), 0, 59)
        && in(m.group(10), 0, 23) && in(m.group(11), 0, 59) && in(m.group(12), 0, 59);
  }

  private static boolean in(String digits, int min, int max) {
    if (digits == null) {
      return true;
    }
    int n = Integer.parseInt(digits);
    return n >= min && n <= max;
  }
}
