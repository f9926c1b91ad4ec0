package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable working copy of an item for applying updates: maps and lists along the updated paths
 * are copied into {@link LinkedHashMap}s and {@link ArrayList}s on first touch, everything else
 * stays shared and immutable. Removed list elements are marked and dropped when the copy is
 * frozen, so that every index of one update refers to the list as it was before the update.
 */
final class Documents {
  /** Marks a list element removed by this update. */
  static final Object REMOVED = new Object();

  /**
   * An element set past the end of a list. DynamoDB appends such elements in the order of their
   * indexes, not of the actions ({@code SET l[9] = :y, l[7] = :z} appends z, then y).
   */
  private record Appended(int index, Object value) {}

  private Documents() {}

  static LinkedHashMap<String, Object> thaw(Map<String, AttributeValue> item) {
    return item == null ? new LinkedHashMap<>() : new LinkedHashMap<>(item);
  }

  /**
   * The container (a mutable map or list) that holds the last step of {@code path}, copied for
   * change, or null when a step is missing or is not a container of the kind the next step needs.
   */
  @SuppressWarnings("unchecked")
  static Object parentOf(LinkedHashMap<String, Object> root, Path path) {
    Object container = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Path.Step step = path.step(i);
      Object child = get(container, step);
      Object mutable = mutable(child);
      if (mutable == null) {
        return null;
      }
      if (mutable != child) {
        put(container, step, mutable);
      }
      container = mutable;
    }
    Path.Step last = path.step(path.size() - 1);
    boolean fits = last.isIndex() ? container instanceof ArrayList : container instanceof Map;
    return fits ? container : null;
  }

  private static Object mutable(Object value) {
    if (value instanceof AttributeValue.M m) {
      return new LinkedHashMap<String, Object>(m.value());
    }
    if (value instanceof AttributeValue.L l) {
      return new ArrayList<Object>(l.value());
    }
    if (value instanceof Map || value instanceof ArrayList) {
      return value;
    }
    return null;
  }

  /** The element at {@code step} of a container, or null when there is none. */
  @SuppressWarnings("unchecked")
  static Object get(Object container, Path.Step step) {
    if (step.isIndex()) {
      if (container instanceof ArrayList) {
        List<Object> list = (List<Object>) container;
        Object o = step.index() < originalSize(list) ? list.get(step.index()) : null;
        return o == REMOVED ? null : o;
      }
      return null;
    }
    return container instanceof Map ? ((Map<String, Object>) container).get(step.name()) : null;
  }

  /** Sets the element at {@code step}; a list index past the end appends, as DynamoDB does. */
  @SuppressWarnings("unchecked")
  static void put(Object container, Path.Step step, Object value) {
    if (step.isIndex()) {
      List<Object> list = (List<Object>) container;
      int size = originalSize(list);
      if (step.index() < size) {
        list.set(step.index(), value);
      } else {
        int at = list.size();
        while (at > size && ((Appended) list.get(at - 1)).index() > step.index()) {
          at--;
        }
        list.add(at, new Appended(step.index(), value));
      }
    } else {
      ((Map<String, Object>) container).put(step.name(), value);
    }
  }

  @SuppressWarnings("unchecked")
  static void remove(Object container, Path.Step step) {
    if (step.isIndex()) {
      List<Object> list = (List<Object>) container;
      if (step.index() < originalSize(list)) {
        list.set(step.index(), REMOVED);
      }
    } else {
      ((Map<String, Object>) container).remove(step.name());
    }
  }

  /** The length of the list before this update appended to it. */
  private static int originalSize(List<Object> list) {
    int size = list.size();
    while (size > 0 && list.get(size - 1) instanceof Appended) {
      size--;
    }
    return size;
  }

  /** Turns the working copy back into an immutable item. */
  static Map<String, AttributeValue> freeze(LinkedHashMap<String, Object> root) {
    LinkedHashMap<String, AttributeValue> item = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : root.entrySet()) {
      item.put(e.getKey(), freezeValue(e.getValue()));
    }
    return item;
  }

  @SuppressWarnings("unchecked")
  private static AttributeValue freezeValue(Object value) {
    if (value instanceof AttributeValue v) {
      return v;
    }
    if (value instanceof Appended a) {
      return freezeValue(a.value());
    }
    if (value instanceof Map) {
      Map<String, Object> map = (Map<String, Object>) value;
      LinkedHashMap<String, AttributeValue> frozen = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : map.entrySet()) {
        frozen.put(e.getKey(), freezeValue(e.getValue()));
      }
      return AttributeValue.m(frozen);
    }
    List<Object> list = (List<Object>) value;
    List<AttributeValue> frozen = new ArrayList<>(list.size());
    for (Object o : list) {
      if (o != REMOVED) {
        frozen.add(freezeValue(o));
      }
    }
    return AttributeValue.l(frozen);
  }
}
