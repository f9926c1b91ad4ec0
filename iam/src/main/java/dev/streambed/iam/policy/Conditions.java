package dev.streambed.iam.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * IAM's condition operators. A block holds if every key of every operator holds. For one key:
 * a plain operator holds if some value of the request matches some value of the policy; a
 * negated one ({@code StringNotEquals}, ...) if no value of the policy matches. A missing key
 * fails a plain operator and passes a negated one; {@code ...IfExists} passes on a missing key;
 * {@code ForAnyValue:} and {@code ForAllValues:} compare every value of a multivalued key.
 */
final class Conditions {
  private static final Set<String> BASE = Set.of(
      "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
      "StringLike", "StringNotLike",
      "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals",
      "NumericGreaterThan", "NumericGreaterThanEquals",
      "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals",
      "DateGreaterThan", "DateGreaterThanEquals",
      "Bool", "BinaryEquals", "IpAddress", "NotIpAddress",
      "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null");

  private Conditions() {}

  static boolean known(String operator) {
    String op = operator;
    if (op.startsWith("ForAllValues:")) {
      op = op.substring("ForAllValues:".length());
    } else if (op.startsWith("ForAnyValue:")) {
      op = op.substring("ForAnyValue:".length());
    }
    if (op.endsWith("IfExists") && !op.equals("NullIfExists")) {
      op = op.substring(0, op.length() - "IfExists".length());
    }
    return BASE.contains(op);
  }

  /**
   * Whether one operator holds for one key.
   *
   * @param present the request's values of the key, or null when the request has none
   * @param values the policy's values, already with policy variables substituted
   */
  static boolean holds(String operator, List<String> present, List<String> values) {
    String op = operator;
    int set = 0;
    if (op.startsWith("ForAllValues:")) {
      set = 1;
      op = op.substring("ForAllValues:".length());
    } else if (op.startsWith("ForAnyValue:")) {
      set = 2;
      op = op.substring("ForAnyValue:".length());
    }
    boolean ifExists = false;
    if (op.endsWith("IfExists")) {
      ifExists = true;
      op = op.substring(0, op.length() - "IfExists".length());
    }
    if (op.equals("Null")) {
      boolean absent = present == null || present.isEmpty();
      return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
    }
    boolean missing = present == null || present.isEmpty();
    boolean negated = op.contains("Not");
    BiPredicate<String, String> match = matcher(negated ? op.replace("Not", "") : op);
    if (set == 1) {
      // Every value of the request must pass; an empty set passes.
      return missing || present.stream().allMatch(p -> one(match, negated, p, values));
    }
    if (set == 2) {
      return !missing && present.stream().anyMatch(p -> one(match, negated, p, values));
    }
    if (missing) {
      return ifExists || negated;
    }
    if (negated) {
      return present.stream().allMatch(p -> one(match, true, p, values));
    }
    return present.stream().anyMatch(p -> one(match, false, p, values));
  }

  private static boolean one(BiPredicate<String, String> match, boolean negated, String present,
      List<String> values) {
    boolean any = values.stream().anyMatch(v -> match.test(v, present));
    return negated != any;
  }

  /** (policy value, request value) -> match, for the positive form of an operator. */
  private static BiPredicate<String, String> matcher(String op) {
    return switch (op) {
      case "StringEquals" -> String::equals;
      case "StringEqualsIgnoreCase" -> String::equalsIgnoreCase;
      case "StringLike" -> (v, p) -> Wildcards.matches(v, p, false);
      case "NumericEquals" -> (v, p) -> holds(compareNumbers(p, v), c -> c == 0);
      case "NumericLessThan" -> (v, p) -> holds(compareNumbers(p, v), c -> c < 0);
      case "NumericLessThanEquals" -> (v, p) -> holds(compareNumbers(p, v), c -> c <= 0);
      case "NumericGreaterThan" -> (v, p) -> holds(compareNumbers(p, v), c -> c > 0);
      case "NumericGreaterThanEquals" -> (v, p) -> holds(compareNumbers(p, v), c -> c >= 0);
      case "DateEquals" -> (v, p) -> holds(compareDates(p, v), c -> c == 0);
      case "DateLessThan" -> (v, p) -> holds(compareDates(p, v), c -> c < 0);
      case "DateLessThanEquals" -> (v, p) -> holds(compareDates(p, v), c -> c <= 0);
      case "DateGreaterThan" -> (v, p) -> holds(compareDates(p, v), c -> c > 0);
      case "DateGreaterThanEquals" -> (v, p) -> holds(compareDates(p, v), c -> c >= 0);
      case "Bool" -> (v, p) -> v.toLowerCase(Locale.ROOT).equals(p.toLowerCase(Locale.ROOT));
      case "BinaryEquals" -> (v, p) -> binaryEquals(v, p);
      case "IpAddress" -> Conditions::inCidr;
      case "ArnEquals", "ArnLike" -> Wildcards::arnMatches;
      default -> (v, p) -> false;
    };
  }

  /** A comparison holds only when both values could be compared at all. */
  private static boolean holds(Integer comparison, java.util.function.IntPredicate test) {
    return comparison != null && test.test(comparison);
  }

  /** Compares two numbers; null when either is not a number, which then matches nothing. */
  private static Integer compareNumbers(String a, String b) {
    try {
      return new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Integer compareDates(String a, String b) {
    Instant x = date(a);
    Instant y = date(b);
    return x == null || y == null ? null : x.compareTo(y);
  }

  /** ISO 8601 dates and times, or epoch seconds, as IAM accepts both. */
  static Instant date(String s) {
    String t = s.trim();
    try {
      if (t.matches("-?\\d+")) {
        return Instant.ofEpochSecond(Long.parseLong(t));
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return Instant.parse(t + "T00:00:00Z");
      }
      try {
        return Instant.parse(t);
      } catch (DateTimeParseException e) {
        return OffsetDateTime.parse(t).toInstant();
      }
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean binaryEquals(String policy, String present) {
    try {
      return java.util.Arrays.equals(Base64.getDecoder().decode(policy), Base64.getDecoder().decode(present));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether an IP address lies in a CIDR block (IPv4 or IPv6); a bare address is a /32 or /128. */
  static boolean inCidr(String cidr, String address) {
    try {
      int slash = cidr.indexOf('/');
      byte[] net = literal(slash < 0 ? cidr : cidr.substring(0, slash));
      byte[] ip = literal(address);
      if (net == null || ip == null || net.length != ip.length) {
        return false;
      }
      int bits = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((net[i / 8] & mask) != (ip[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The bytes of an IP literal; never a DNS lookup. */
  private static byte[] literal(String s) {
    String t = s.trim();
    if (!t.matches("[0-9a-fA-F:.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(t).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
