package dev.streambed.lambda;

import dev.streambed.kernel.error.AwsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a FunctionName parameter names: a name, a partial ARN ({@code ACCOUNT:function:NAME}) or
 * a full ARN, each with an optional {@code :QUALIFIER}.
 */
public record FunctionRef(String account, String region, String name, String qualifier) {
  private static final String PATTERN_TEXT = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|"
      + "(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?"
      + "|[a-zA-Z0-9-_]+))?";
  private static final Pattern PATTERN = Pattern.compile(PATTERN_TEXT);

  /**
   * Parses a FunctionName in the caller's account and region. A name from another region is
   * refused as AWS refuses it; a malformed one gets AWS's validation message.
   */
  public static FunctionRef parse(String text, String account, String region) {
    if (text == null || text.isEmpty()) {
      throw AwsException.validation("1 validation error detected: Value null at 'functionName' "
          + "failed to satisfy constraint: Member must not be null");
    }
    Matcher m = PATTERN.matcher(text);
    if (!m.matches() || text.length() > 170) {
      throw new AwsException(dev.streambed.kernel.error.CommonError.VALIDATION,
          "1 validation error detected: Value '" + text + "' at 'functionName' failed to satisfy "
              + "constraint: Member must satisfy regular expression pattern: " + PATTERN_TEXT);
    }
    String arnRegion = m.group(3) == null ? null : m.group(3).substring(0, m.group(3).length() - 1);
    String arnAccount = m.group(9) == null ? null : m.group(9).substring(0, 12);
    if (arnRegion != null && !arnRegion.equals(region)) {
      throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "Functions from '" + arnRegion
          + "' are not reachable in this region ('" + region + "')");
    }
    String qualifier = m.group(13);
    return new FunctionRef(arnAccount == null ? account : arnAccount, region, m.group(11), qualifier);
  }

  public String arn() {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name
        + (qualifier == null ? "" : ":" + qualifier);
  }
}
