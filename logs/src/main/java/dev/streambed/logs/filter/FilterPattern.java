package dev.streambed.logs.filter;

import java.util.function.Predicate;

/**
 * CloudWatch Logs' filter pattern language, as FilterLogEvents and subscription filters use it:
 * an empty pattern matches every event, a pattern in braces is a JSON pattern
 * ({@code { $.eventName = "INSERT" && $.size > 10 }}), one between percent signs is a regular
 * expression ({@code %ERROR|WARN%}), one in brackets names space-delimited fields
 * ({@code [ip, user, ..., status = 404, bytes > 1000]}), anything else is terms and phrases
 * ({@code ERROR "disk full" ?WARN -DEBUG}).
 */
public interface FilterPattern extends Predicate<String> {

  FilterPattern ALL = message -> true;

  static FilterPattern parse(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      return ALL;
    }
    String p = pattern.strip();
    if (p.startsWith("{")) {
      // AWS's wording for an unclosed JSON pattern; other faults are plain "Invalid filter pattern".
      if (!p.endsWith("}")) {
        throw dev.streambed.logs.LogsError.invalid("If a filter pattern starts with '{' it must end with '}'");
      }
      return JsonPattern.parse(p);
    }
    if (p.length() >= 2 && p.startsWith("%") && p.endsWith("%")) {
      return RegexPattern.parse(p.substring(1, p.length() - 1));
    }
    if (p.startsWith("[")) {
      return DelimitedPattern.parse(p);
    }
    return TermPattern.parse(p);
  }
}
