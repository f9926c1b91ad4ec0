package dev.streambed.iam.policy;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (also none), {@code ?}
 * exactly one. Actions compare case-insensitively, resources and condition values by case.
 */
public final class Wildcards {
  private Wildcards() {}

  public static boolean matches(String pattern, String value, boolean ignoreCase) {
    int p = 0;
    int v = 0;
    int star = -1;
    int mark = 0;
    while (v < value.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), value.charAt(v), ignoreCase))) {
        p++;
        v++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = v;
      } else if (star >= 0) {
        p = star + 1;
        v = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
  }

  /**
   * ARN matching as ArnLike and Resource elements do it: the six colon-separated parts are
   * matched one by one, so a wildcard in one part never spans into the next. The resource part
   * may itself contain colons.
   */
  public static boolean arnMatches(String pattern, String arn) {
    if ("*".equals(pattern)) {
      return true;
    }
    String[] p = pattern.split(":", 6);
    String[] a = arn.split(":", 6);
    if (p.length != 6 || a.length != 6) {
      return matches(pattern, arn, false);
    }
    for (int i = 0; i < 6; i++) {
      if (!matches(p[i], a[i], false)) {
        return false;
      }
    }
    return true;
  }
}
