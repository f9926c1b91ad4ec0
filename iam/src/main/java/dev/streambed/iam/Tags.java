package dev.streambed.iam;

import dev.streambed.kernel.error.AwsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tags of roles, users and policies: IAM's request validation (recorded AWS answers, February
 * 2026) and at most 50 per entity. A role's or user's keys are unique regardless of case (a key
 * given again in another case replaces the old one, taking the new case); a managed policy's
 * keys are case-sensitive ("a" and "A" are two tags), as AWS answered.
 */
final class Tags {
  static final int MAX = 50;
  private static final String PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]";
  private static final Pattern KEY = Pattern.compile(PATTERN + "+");
  private static final Pattern VALUE = Pattern.compile(PATTERN + "*");

  /** The entity tagged: the wording of a duplicate key and of the quota differ. */
  enum Owner {
    ROLE("Duplicate tag keys found. Please note that Tag keys are case insensitive.", "TagsPerRole", false),
    USER("Duplicate tag keys found. Please note that Tag keys are case insensitive.", "TagsPerUser", false),
    POLICY("Duplicate tag keys found.", "TagsPerPolicy", true);

    final String duplicate;
    /** Unconfirmed: AWS's answer when tagging would pass 50 tags is not recorded. */
    final String quota;
    final boolean caseSensitive;

    Owner(String duplicate, String quota, boolean caseSensitive) {
      this.duplicate = duplicate;
      this.quota = quota;
      this.caseSensitive = caseSensitive;
    }

    String identity(String key) {
      return caseSensitive ? key : key.toLowerCase(Locale.ROOT);
    }
  }

  private Tags() {}

  /** The Tags of a request, checked before the entity is looked up, as IAM's API layer does. */
  static void check(Owner owner, List<Tag> tags) {
    if (tags.size() > MAX) {
      throw invalid("Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to " + MAX);
    }
    for (int i = 0; i < tags.size(); i++) {
      Tag t = tags.get(i);
      String at = "Value at 'tags." + (i + 1) + ".member.";
      if (t.key().isEmpty()) {
        throw invalid(at + "key' failed to satisfy constraint: Member must have length greater than or equal to 1");
      }
      if (t.key().length() > 128) {
        throw invalid(at + "key' failed to satisfy constraint: Member must have length less than or equal to 128");
      }
      if (!KEY.matcher(t.key()).matches()) {
        throw invalid(at + "key' failed to satisfy constraint: Member must satisfy regular expression pattern: "
            + KEY.pattern());
      }
      if (t.value().length() > 256) {
        throw invalid(at + "value' failed to satisfy constraint: Member must have length less than or equal to 256");
      }
      if (!VALUE.matcher(t.value()).matches()) {
        throw invalid(at + "value' failed to satisfy constraint: Member must satisfy regular expression pattern: "
            + VALUE.pattern());
      }
    }
    Set<String> seen = new HashSet<>();
    for (Tag t : tags) {
      if (!seen.add(owner.identity(t.key()))) {
        throw new AwsException(IamError.INVALID_INPUT, owner.duplicate);
      }
    }
  }

  /** The TagKeys of an untag request. */
  static void checkKeys(List<String> keys) {
    if (keys.size() > MAX) {
      throw invalid("Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to " + MAX);
    }
    for (String k : keys) {
      if (k.isEmpty() || k.length() > 128 || !KEY.matcher(k).matches()) {
        throw invalid("Value at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member "
            + "must have length less than or equal to 128, Member must have length greater than or equal to 1, "
            + "Member must satisfy regular expression pattern: " + KEY.pattern() + ", Member must not be null]");
      }
    }
  }

  static List<Tag> merge(Owner owner, List<Tag> existing, List<Tag> added) {
    Map<String, Tag> byKey = new LinkedHashMap<>();
    for (Tag t : existing) {
      byKey.put(owner.identity(t.key()), t);
    }
    for (Tag t : added) {
      byKey.put(owner.identity(t.key()), t);
    }
    if (byKey.size() > MAX) {
      throw new AwsException(IamError.LIMIT_EXCEEDED, "Cannot exceed quota for " + owner.quota + ": " + MAX);
    }
    return List.copyOf(byKey.values());
  }

  static List<Tag> remove(Owner owner, List<Tag> existing, List<String> keys) {
    List<Tag> out = new ArrayList<>();
    for (Tag t : existing) {
      if (keys.stream().noneMatch(k -> owner.identity(k).equals(owner.identity(t.key())))) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  private static AwsException invalid(String what) {
    return new AwsException(IamError.VALIDATION_ERROR, "1 validation error detected: " + what);
  }
}
