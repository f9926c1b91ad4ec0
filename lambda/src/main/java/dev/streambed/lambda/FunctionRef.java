package dev.streambed.lambda;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a FunctionName parameter names: a name, a partial ARN ({@code ACCOUNT:function:NAME}) or
 * a full ARN, each with an optional {@code :QUALIFIER}.
 */
public record FunctionRef(String account, String region, String name, String qualifier) {
  /** FunctionName of the operations on existing functions (GetFunction, Invoke, ...). */
  static final String PATTERN_TEXT = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|"
      + "(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?"
      + "|[a-zA-Z0-9-_]+))?";
  /** CreateFunction's FunctionName: no dots, no $LATEST.PUBLISHED. */
  static final String CREATE_PATTERN_TEXT = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|"
      + "(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
  static final String QUALIFIER_PATTERN_TEXT = "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";
  private static final Pattern PATTERN = Pattern.compile(PATTERN_TEXT);
  private static final Pattern CREATE_PATTERN = Pattern.compile(CREATE_PATTERN_TEXT);
  private static final Pattern QUALIFIER = Pattern.compile(QUALIFIER_PATTERN_TEXT);
  private static final int MAX_CREATE_LENGTH = 140;

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
      throw AwsException.validation("1 validation error detected: " + patternViolation(text, PATTERN_TEXT));
    }
    return of(m, account, region);
  }

  /**
   * The FunctionName (path) and Qualifier (query string) of an operation on a function, checked
   * as Lambda checks them: both against their patterns, the qualifier's length (the name's is not
   * checked, as the recorded answers of GetFunction, DeleteFunction and Invoke show), every
   * violation in one ValidationException; then the region, and a qualifier in the name that the
   * Qualifier parameter contradicts.
   */
  public static FunctionRef named(String text, String qualifier, String account, String region) {
    List<String> violations = new ArrayList<>();
    Matcher m = text == null ? null : PATTERN.matcher(text);
    if (text == null) {
      violations.add("Value null at 'functionName' failed to satisfy constraint: Member must not be null");
    } else if (!m.matches()) {
      violations.add(patternViolation(text, PATTERN_TEXT));
    }
    if (qualifier != null) {
      if (qualifier.length() > 128) {
        violations.add("Value '" + qualifier + "' at 'qualifier' failed to satisfy constraint: Member must "
            + "have length less than or equal to 128");
      } else if (!QUALIFIER.matcher(qualifier).matches()) {
        violations.add("Value '" + qualifier + "' at 'qualifier' failed to satisfy constraint: Member must "
            + "satisfy regular expression pattern: " + QUALIFIER_PATTERN_TEXT);
      }
    }
    throwIfAny(violations);
    FunctionRef ref = of(m, account, region);
    if (qualifier == null) {
      return ref;
    }
    if (ref.qualifier() != null && !ref.qualifier().equals(qualifier)) {
      throw new AwsException(LambdaError.INVALID_PARAMETER_VALUE,
          "The derived qualifier from the function name does not match the specified qualifier.");
    }
    return new FunctionRef(ref.account(), ref.region(), ref.name(), qualifier);
  }

  /**
   * CreateFunction's FunctionName: at most 140 characters matching its pattern (both violations
   * told at once), in the caller's region and account, with a name of at most 64 characters.
   */
  public static FunctionRef toCreate(String text, String account, String region) {
    if (text == null) {
      throw AwsException.validation("1 validation error detected: Value null at 'functionName' "
          + "failed to satisfy constraint: Member must not be null");
    }
    List<String> violations = new ArrayList<>();
    if (text.length() > MAX_CREATE_LENGTH) {
      violations.add("Value '" + text + "' at 'functionName' failed to satisfy constraint: Member must have "
          + "length less than or equal to " + MAX_CREATE_LENGTH);
    }
    Matcher m = CREATE_PATTERN.matcher(text);
    if (!m.matches()) {
      violations.add(patternViolation(text, CREATE_PATTERN_TEXT));
    }
    throwIfAny(violations);
    FunctionRef ref = of(m, account, region);
    if (!ref.account().equals(account)) {
      // AWS answers a function ARN of another account with a bare 403 and no message.
      throw new AwsException(LambdaError.ACCESS_DENIED, null);
    }
    if (ref.name().length() > 64) {
      throw new AwsException(LambdaError.INVALID_PARAMETER_VALUE, "1 validation error detected: Value '"
          + ref.name() + "' at 'functionName' failed to satisfy constraint: Member must have length less "
          + "than or equal to 64");
    }
    return ref;
  }

  private static FunctionRef of(Matcher m, String account, String region) {
    String arnRegion = m.group(3) == null ? null : m.group(3).substring(0, m.group(3).length() - 1);
    String arnAccount = m.group(9) == null ? null : m.group(9).substring(0, 12);
    if (arnRegion != null && !arnRegion.equals(region)) {
      throw new AwsException(LambdaError.RESOURCE_NOT_FOUND, "Functions from '" + arnRegion
          + "' are not reachable in this region ('" + region + "')");
    }
    return new FunctionRef(arnAccount == null ? account : arnAccount, region, m.group(11), m.group(13));
  }

  private static String patternViolation(String text, String pattern) {
    return "Value '" + text + "' at 'functionName' failed to satisfy constraint: Member must satisfy "
        + "regular expression pattern: " + pattern;
  }

  /** AWS's framework validation: "N validation error(s) detected: A; B". */
  static void throwIfAny(List<String> violations) {
    if (!violations.isEmpty()) {
      throw new AwsException(CommonError.VALIDATION, violations.size()
          + (violations.size() == 1 ? " validation error detected: " : " validation errors detected: ")
          + String.join("; ", violations));
    }
  }

  public String arn() {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name
        + (qualifier == null ? "" : ":" + qualifier);
  }

  /** The same function without qualifier. */
  public FunctionRef unqualified() {
    return new FunctionRef(account, region, name, null);
  }

  /** The same function with another qualifier. */
  public FunctionRef qualified(String newQualifier) {
    return new FunctionRef(account, region, name, newQualifier);
  }
}
