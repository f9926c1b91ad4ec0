package dev.streambed.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tag arithmetic shared by roles, users and policies: keys replace, removal by key. */
final class Tags {
  private Tags() {}

  static List<Tag> merge(List<Tag> existing, List<Tag> added) {
    Map<String, Tag> byKey = new LinkedHashMap<>();
    for (Tag t : existing) {
      byKey.put(t.key(), t);
    }
    for (Tag t : added) {
      byKey.put(t.key(), t);
    }
    List<Tag> out = new ArrayList<>(byKey.values());
    Validation.tags(out);
    return List.copyOf(out);
  }

  static List<Tag> remove(List<Tag> existing, List<String> keys) {
    List<Tag> out = new ArrayList<>();
    for (Tag t : existing) {
      if (!keys.contains(t.key())) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }
}
