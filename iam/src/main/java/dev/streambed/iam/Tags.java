package dev.streambed.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tag arithmetic shared by roles, users and policies: keys replace, removal by key. */
final class Tags {
  private Tags() {}

  /** IAM's tag keys are unique regardless of case; a request may not name a key twice. */
  static void checkDistinct(List<Tag> tags) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Tag t : tags) {
      if (!seen.add(t.key().toLowerCase(java.util.Locale.ROOT))) {
        throw new dev.streambed.kernel.error.AwsException(IamError.INVALID_INPUT,
            "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      }
    }
  }

  static List<Tag> merge(List<Tag> existing, List<Tag> added) {
    checkDistinct(added);
    Map<String, Tag> byKey = new LinkedHashMap<>();
    for (Tag t : existing) {
      byKey.put(t.key().toLowerCase(java.util.Locale.ROOT), t);
    }
    for (Tag t : added) {
      byKey.put(t.key().toLowerCase(java.util.Locale.ROOT), t);
    }
    List<Tag> out = new ArrayList<>(byKey.values());
    Validation.tags(out);
    return List.copyOf(out);
  }

  static List<Tag> remove(List<Tag> existing, List<String> keys) {
    List<Tag> out = new ArrayList<>();
    for (Tag t : existing) {
      if (keys.stream().noneMatch(k -> k.equalsIgnoreCase(t.key()))) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }
}
