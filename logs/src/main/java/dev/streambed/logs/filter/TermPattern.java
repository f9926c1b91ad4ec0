package dev.streambed.logs.filter;

import dev.streambed.logs.LogsError;
import java.util.ArrayList;
import java.util.List;

/**
 * Terms and quoted phrases, matched case-sensitively anywhere in the message: every plain term
 * must occur, at least one {@code ?term} must occur when there are any, and no {@code -term} may.
 */
final class TermPattern implements FilterPattern {
  private final List<String> required;
  private final List<String> optional;
  private final List<String> excluded;

  private TermPattern(List<String> required, List<String> optional, List<String> excluded) {
    this.required = required;
    this.optional = optional;
    this.excluded = excluded;
  }

  static TermPattern parse(String pattern) {
    List<String> required = new ArrayList<>();
    List<String> optional = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      List<String> into = required;
      if (c == '?' || c == '-') {
        into = c == '?' ? optional : excluded;
        i++;
        if (i == n || Character.isWhitespace(pattern.charAt(i))) {
          throw LogsError.invalid("Invalid filter pattern");
        }
      }
      String term;
      if (pattern.charAt(i) == '"') {
        int end = pattern.indexOf('"', i + 1);
        if (end < 0) {
          throw LogsError.invalid("Invalid filter pattern");
        }
        term = pattern.substring(i + 1, end);
        i = end + 1;
      } else {
        int start = i;
        while (i < n && !Character.isWhitespace(pattern.charAt(i))) {
          i++;
        }
        term = pattern.substring(start, i);
      }
      into.add(term);
    }
    return new TermPattern(List.copyOf(required), List.copyOf(optional), List.copyOf(excluded));
  }

  @Override
  public boolean test(String message) {
    for (String t : required) {
      if (!message.contains(t)) {
        return false;
      }
    }
    for (String t : excluded) {
      if (message.contains(t)) {
        return false;
      }
    }
    if (optional.isEmpty()) {
      return true;
    }
    for (String t : optional) {
      if (message.contains(t)) {
        return true;
      }
    }
    return false;
  }
}
