package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeType;
import dev.streambed.kernel.value.AttributeValue;
import java.util.List;
import java.util.Map;

/**
 * The legacy conditions ({@code Expected}, {@code QueryFilter}, {@code ScanFilter},
 * {@code KeyConditions}) with {@code ConditionalOperator}, validated with DynamoDB's messages.
 */
final class LegacyCondition implements Condition {
  /** One validated entry: the attribute, its operator, and its operands. */
  private record Entry(String name, String operator, List<AttributeValue> operands) {}

  private final List<Entry> entries;
  private final boolean or;

  private LegacyCondition(List<Entry> entries, boolean or) {
    this.entries = entries;
    this.or = or;
  }

  static Condition expected(List<ExpectedAttribute> expected, String conditionalOperator) {
    boolean or = conditionalOperator(conditionalOperator);
    List<Entry> entries = new java.util.ArrayList<>();
    for (ExpectedAttribute e : expected) {
      entries.add(expectedEntry(e));
    }
    checkOperatorCount(conditionalOperator, expected.size());
    return new LegacyCondition(List.copyOf(entries), or);
  }

  static Condition filter(List<ExpectedAttribute> conditions, String conditionalOperator) {
    boolean or = conditionalOperator(conditionalOperator);
    List<Entry> entries = new java.util.ArrayList<>();
    for (ExpectedAttribute c : conditions) {
      String op = c.comparisonOperator();
      checkOperatorName(op);
      List<AttributeValue> list = c.attributeValueList() == null ? List.of() : c.attributeValueList();
      checkOperands(op, list);
      entries.add(new Entry(c.name(), op, List.copyOf(list)));
    }
    return new LegacyCondition(List.copyOf(entries), or);
  }

  @Override
  public java.util.Set<String> attributeNames() {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (Entry e : entries) {
      names.add(e.name());
    }
    return names;
  }

  /**
   * ConditionalOperator joins two or more conditions; with one, DynamoDB refuses it (a
   * conformance suite run against Amazon DynamoDB, ExtendDB's, records the message).
   */
  static void checkOperatorCount(String operator, int conditions) {
    if (operator != null && conditions == 1) {
      throw Messages.validation("ConditionalOperator can only be used when Filter or Expected has two or more elements");
    }
  }

  private static boolean conditionalOperator(String operator) {
    if (operator == null || operator.equals("AND")) {
      return false;
    }
    if (operator.equals("OR")) {
      return true;
    }
    throw Messages.validation(Messages.enumConstraint(operator, "conditionalOperator",
        Messages.CONDITIONAL_OPERATORS));
  }

  private static Entry expectedEntry(ExpectedAttribute e) {
    String name = e.name();
    if (e.attributeValueList() != null && e.value() != null) {
      throw Messages.validation(Messages.valueAndListTogether(name));
    }
    String op = e.comparisonOperator();
    if (op != null) {
      if (e.exists() != null) {
        throw Messages.validation(Messages.existsAndOperatorTogether(name));
      }
      checkOperatorName(op);
      if (!op.equals("NULL") && !op.equals("NOT_NULL")
          && e.attributeValueList() == null && e.value() == null) {
        throw Messages.validation(Messages.valueRequiredWithOperator(op, name));
      }
      List<AttributeValue> operands = e.attributeValueList() != null ? e.attributeValueList()
          : e.value() != null ? List.of(e.value()) : List.of();
      checkOperands(op, operands);
      return new Entry(name, op, List.copyOf(operands));
    }
    if (e.attributeValueList() != null) {
      throw Messages.validation(Messages.listWithoutOperator(name));
    }
    boolean exists = e.exists() == null || e.exists();
    if (exists && e.value() == null) {
      throw Messages.validation(Messages.valueRequiredWhenExists(e.exists(), name));
    }
    if (!exists && e.value() != null) {
      throw Messages.validation(Messages.valueWhenNotExists(name));
    }
    return exists ? new Entry(name, "EQ", List.of(e.value())) : new Entry(name, "NULL", List.of());
  }

  private static void checkOperatorName(String op) {
    switch (String.valueOf(op)) {
      case "EQ": case "NE": case "LE": case "LT": case "GE": case "GT": case "NOT_NULL":
      case "NULL": case "CONTAINS": case "NOT_CONTAINS": case "BEGINS_WITH": case "IN":
      case "BETWEEN":
        return;
      default:
        throw Messages.validation(Messages.enumConstraint(String.valueOf(op),
            "comparisonOperator", Messages.COMPARISON_OPERATORS));
    }
  }

  /** DynamoDB's arity, same-type, type and BETWEEN-order checks of an AttributeValueList. */
  private static void checkOperands(String op, List<AttributeValue> operands) {
    int n = operands.size();
    boolean arity;
    switch (op) {
      case "NULL": case "NOT_NULL": arity = n == 0; break;
      case "IN": arity = n > 0; break;
      case "BETWEEN": arity = n == 2; break;
      default: arity = n == 1; break;
    }
    if (!arity) {
      throw Messages.validation(Messages.argumentCount(op));
    }
    if (n == 0) {
      return;
    }
    AttributeType type = operands.get(0).type();
    for (AttributeValue v : operands) {
      if (v.type() != type) {
        throw Messages.validation(Messages.LIST_TYPES_DIFFER);
      }
    }
    if (!typeAllowed(op, type)) {
      throw Messages.validation(Messages.operatorNotValidForType(op, type.name()));
    }
    if (op.equals("BETWEEN") && Values.compare(operands.get(0), operands.get(1)) > 0) {
      throw Messages.validation(Messages.LEGACY_BETWEEN_ORDER);
    }
  }

  private static boolean typeAllowed(String op, AttributeType type) {
    boolean scalar = type == AttributeType.S || type == AttributeType.N || type == AttributeType.B;
    switch (op) {
      case "EQ": case "NE":
        return scalar || type.isSet();
      case "BEGINS_WITH":
        return type == AttributeType.S || type == AttributeType.B;
      default:
        return scalar;
    }
  }

  @Override
  public boolean test(Map<String, AttributeValue> item) {
    for (Entry entry : entries) {
      boolean ok = test(entry, item == null ? null : item.get(entry.name()));
      if (or && ok) {
        return true;
      }
      if (!or && !ok) {
        return false;
      }
    }
    return !or || entries.isEmpty();
  }

  private static boolean test(Entry entry, AttributeValue v) {
    List<AttributeValue> o = entry.operands();
    switch (entry.operator()) {
      case "EQ": return v != null && v.equals(o.get(0));
      case "NE": return v == null || !v.equals(o.get(0));
      case "LT": return Values.comparable(v, o.get(0)) && Values.compare(v, o.get(0)) < 0;
      case "LE": return Values.comparable(v, o.get(0)) && Values.compare(v, o.get(0)) <= 0;
      case "GT": return Values.comparable(v, o.get(0)) && Values.compare(v, o.get(0)) > 0;
      case "GE": return Values.comparable(v, o.get(0)) && Values.compare(v, o.get(0)) >= 0;
      case "NOT_NULL": return v != null;
      case "NULL": return v == null;
      case "CONTAINS": return Values.contains(v, o.get(0));
      // Unlike NOT contains() of an expression, the legacy operator is false for a missing
      // attribute (DynamoDB Local answers so; the API reference speaks only of present ones).
      case "NOT_CONTAINS": return v != null && !Values.contains(v, o.get(0));
      case "BEGINS_WITH": return Values.beginsWith(v, o.get(0));
      case "IN": return v != null && o.contains(v);
      case "BETWEEN":
        return Values.comparable(v, o.get(0)) && Values.compare(v, o.get(0)) >= 0
            && Values.compare(v, o.get(1)) <= 0;
      default: throw new IllegalStateException(entry.operator());
    }
  }
}
