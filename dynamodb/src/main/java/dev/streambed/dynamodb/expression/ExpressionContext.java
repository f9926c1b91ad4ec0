package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all of its
 * expressions, recording which of them the expressions used so that unused ones are refused as
 * AWS refuses them.
 */
public final class ExpressionContext {
  private final Map<String, String> names;
  private final Map<String, AttributeValue> values;
  private final Set<String> usedNames = new HashSet<>();
  private final Set<String> usedValues = new HashSet<>();
  private Map<String, String> numberTexts = Map.of();

  /** Either map may be null (the request did not carry it). */
  public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
    this.names = names;
    this.values = values;
  }

  /**
   * Records how the request wrote its number values ({@code ":v" -> "723E-1"}): DynamoDB quotes a
   * value in an error message as it was sent, not in its canonical form.
   */
  public ExpressionContext withNumberTexts(Map<String, String> texts) {
    this.numberTexts = Map.copyOf(texts);
    return this;
  }

  /** A value as an error message quotes it: {@code {N:723E-1}}, the number as written. */
  String render(String placeholder, AttributeValue value) {
    String text = placeholder == null ? null : numberTexts.get(placeholder);
    return text != null && value instanceof AttributeValue.N ? "{N:" + text + "}" : Messages.render(value);
  }

  public Map<String, String> names() {
    return names;
  }

  public Map<String, AttributeValue> values() {
    return values;
  }

  /** The name a {@code #placeholder} stands for, marking it used; null when it is not defined. */
  String name(String placeholder) {
    String name = names == null ? null : names.get(placeholder);
    if (name != null) {
      usedNames.add(placeholder);
    }
    return name;
  }

  /** The value a {@code :placeholder} stands for, marking it used; null when it is not defined. */
  AttributeValue value(String placeholder) {
    AttributeValue value = values == null ? null : values.get(placeholder);
    if (value != null) {
      usedValues.add(placeholder);
    }
    return value;
  }

  /**
   * Throws AWS's ValidationException when a name or value was supplied but used by no
   * expression of the request. Call after every expression of the request was parsed. Names are
   * checked before values, as DynamoDB does.
   */
  public void checkAllUsed() {
    List<String> unusedNames = unused(names == null ? null : names.keySet(), usedNames);
    if (!unusedNames.isEmpty()) {
      throw Messages.validation(Messages.unused("ExpressionAttributeNames", unusedNames));
    }
    List<String> unusedValues = unused(values == null ? null : values.keySet(), usedValues);
    if (!unusedValues.isEmpty()) {
      throw Messages.validation(Messages.unused("ExpressionAttributeValues", unusedValues));
    }
  }

  /** The unused keys, listed in hash-set order as DynamoDB lists them. */
  private static List<String> unused(Set<String> supplied, Set<String> used) {
    if (supplied == null) {
      return List.of();
    }
    Set<String> unused = new HashSet<>(supplied);
    unused.removeAll(used);
    return new ArrayList<>(unused);
  }
}
