package dev.streambed.logs.filter;

import dev.streambed.logs.LogsError;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code %regex%}: matches events in which the regular expression finds a match. */
final class RegexPattern implements FilterPattern {
  private final Pattern regex;

  private RegexPattern(Pattern regex) {
    this.regex = regex;
  }

  static RegexPattern parse(String regex) {
    if (regex.isEmpty()) {
      throw LogsError.invalid("Invalid filter pattern");
    }
    try {
      return new RegexPattern(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw LogsError.invalid("Invalid filter pattern");
    }
  }

  @Override
  public boolean test(String message) {
    return regex.matcher(message).find();
  }
}
