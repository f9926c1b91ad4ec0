package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A list of document paths applied to an item as DynamoDB projects: the result keeps only the
 * listed paths, nested maps stay maps, and of a list only the listed elements are kept, in index
 * order ({@code a[1]} of a list gives a list of that one element).
 */
final class ProjectionPlan implements Projection {
  private final List<Path> paths;

  ProjectionPlan(List<Path> paths) {
    this.paths = List.copyOf(paths);
  }

  List<Path> paths() {
    return paths;
  }

  @Override
  public List<String> topLevelNames() {
    List<String> names = new ArrayList<>();
    for (Path p : paths) {
      if (!names.contains(p.top())) {
        names.add(p.top());
      }
    }
    return names;
  }

  @Override
  public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
    LinkedHashMap<String, Object> result = new LinkedHashMap<>();
    if (item == null) {
      return new LinkedHashMap<>();
    }
    for (Path path : paths) {
      AttributeValue value = path.get(item);
      if (value != null) {
        insert(result, path, value);
      }
    }
    LinkedHashMap<String, AttributeValue> frozen = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : result.entrySet()) {
      frozen.put(e.getKey(), freeze(e.getValue()));
    }
    return frozen;
  }

  /** Places {@code value} at {@code path} in the result, making maps and sparse lists on the way. */
  @SuppressWarnings("unchecked")
  private static void insert(LinkedHashMap<String, Object> result, Path path, AttributeValue value) {
    Object container = result;
    for (int i = 0; i < path.size(); i++) {
      Path.Step step = path.step(i);
      boolean last = i == path.size() - 1;
      Object next;
      if (last) {
        next = value;
      } else {
        Object existing = step.isIndex()
            ? ((TreeMap<Integer, Object>) container).get(step.index())
            : ((Map<String, Object>) container).get(step.name());
        if (existing != null) {
          container = existing;
          continue;
        }
        next = path.step(i + 1).isIndex() ? new TreeMap<Integer, Object>()
            : new LinkedHashMap<String, Object>();
      }
      if (step.isIndex()) {
        ((TreeMap<Integer, Object>) container).put(step.index(), next);
      } else {
        ((Map<String, Object>) container).put(step.name(), next);
      }
      container = next;
    }
  }

  @SuppressWarnings("unchecked")
  private static AttributeValue freeze(Object value) {
    if (value instanceof AttributeValue v) {
      return v;
    }
    if (value instanceof TreeMap) {
      List<AttributeValue> list = new ArrayList<>();
      for (Object o : ((TreeMap<Integer, Object>) value).values()) {
        list.add(freeze(o));
      }
      return AttributeValue.l(list);
    }
    LinkedHashMap<String, AttributeValue> map = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
      map.put(e.getKey(), freeze(e.getValue()));
    }
    return AttributeValue.m(map);
  }
}
