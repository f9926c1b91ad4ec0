package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * A document path: a top-level attribute name followed by map keys and list indexes
 * ({@code a.b[2].c}), with placeholders already replaced by the names they stand for.
 */
record Path(List<Step> steps) {

  /** One step: a map key (or the top-level name), or a list index when {@code name} is null. */
  record Step(String name, int index) {
    static Step key(String name) {
      return new Step(name, -1);
    }

    static Step index(int index) {
      return new Step(null, index);
    }

    boolean isIndex() {
      return name == null;
    }
  }

  Path {
    steps = List.copyOf(steps);
  }

  static Path of(String topLevelName) {
    return new Path(List.of(Step.key(topLevelName)));
  }

  String top() {
    return steps.get(0).name();
  }

  int size() {
    return steps.size();
  }

  Step step(int i) {
    return steps.get(i);
  }

  /** The value at this path in {@code item}, or null when any step is missing or of the wrong type. */
  AttributeValue get(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    AttributeValue value = item.get(top());
    for (int i = 1; i < steps.size() && value != null; i++) {
      value = child(value, steps.get(i));
    }
    return value;
  }

  static AttributeValue child(AttributeValue value, Step step) {
    if (step.isIndex()) {
      if (value instanceof AttributeValue.L l && step.index() < l.value().size()) {
        return l.value().get(step.index());
      }
      return null;
    }
    if (value instanceof AttributeValue.M m) {
      return m.value().get(step.name());
    }
    return null;
  }

  /** DynamoDB's rendering in messages: {@code [a, b, [2], c]}. */
  String render() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < steps.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Step s = steps.get(i);
      if (s.isIndex()) {
        sb.append('[').append(s.index()).append(']');
      } else {
        sb.append(s.name());
      }
    }
    return sb.append(']').toString();
  }
}
