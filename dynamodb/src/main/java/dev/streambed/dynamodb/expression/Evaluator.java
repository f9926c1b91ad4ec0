package dev.streambed.dynamodb.expression;

import dev.streambed.dynamodb.expression.Ast.Call;
import dev.streambed.dynamodb.expression.Ast.Operand;
import dev.streambed.dynamodb.expression.Ast.Predicate;
import dev.streambed.kernel.value.AttributeValue;
import java.util.Map;

/**
 * Evaluates parsed conditions against an item. As on DynamoDB, comparing values of different
 * types, or with a missing attribute, is false rather than an error (so {@code <>} is true).
 */
final class Evaluator {
  private Evaluator() {}

  static boolean test(Predicate predicate, Map<String, AttributeValue> item) {
    if (predicate instanceof Ast.And and) {
      return test(and.left(), item) && test(and.right(), item);
    }
    if (predicate instanceof Ast.Or or) {
      return test(or.left(), item) || test(or.right(), item);
    }
    if (predicate instanceof Ast.Not not) {
      return !test(not.operand(), item);
    }
    if (predicate instanceof Ast.Comparison c) {
      return compare(c.op(), value(c.left(), item), value(c.right(), item));
    }
    if (predicate instanceof Ast.Between b) {
      AttributeValue v = value(b.subject(), item);
      AttributeValue low = value(b.low(), item);
      AttributeValue high = value(b.high(), item);
      return Values.comparable(v, low) && Values.comparable(v, high)
          && Values.compare(v, low) >= 0 && Values.compare(v, high) <= 0;
    }
    if (predicate instanceof Ast.In in) {
      AttributeValue v = value(in.subject(), item);
      if (v == null) {
        return false;
      }
      for (Operand candidate : in.candidates()) {
        if (v.equals(value(candidate, item))) {
          return true;
        }
      }
      return false;
    }
    if (predicate instanceof Call call) {
      return call(call, item);
    }
    throw new IllegalStateException("unknown predicate " + predicate);
  }

  private static boolean compare(Ast.Comparator op, AttributeValue a, AttributeValue b) {
    switch (op) {
      case EQ:
        return a != null && a.equals(b);
      case NE:
        return a == null || !a.equals(b);
      case LT:
        return Values.comparable(a, b) && Values.compare(a, b) < 0;
      case LE:
        return Values.comparable(a, b) && Values.compare(a, b) <= 0;
      case GT:
        return Values.comparable(a, b) && Values.compare(a, b) > 0;
      case GE:
        return Values.comparable(a, b) && Values.compare(a, b) >= 0;
      default:
        throw new IllegalStateException();
    }
  }

  private static boolean call(Call call, Map<String, AttributeValue> item) {
    switch (call.function()) {
      case ATTRIBUTE_EXISTS:
        return value(call.args().get(0), item) != null;
      case ATTRIBUTE_NOT_EXISTS:
        return value(call.args().get(0), item) == null;
      case ATTRIBUTE_TYPE: {
        AttributeValue v = value(call.args().get(0), item);
        AttributeValue type = value(call.args().get(1), item);
        return v != null && type instanceof AttributeValue.S s && v.type().name().equals(s.value());
      }
      case BEGINS_WITH:
        return Values.beginsWith(value(call.args().get(0), item), value(call.args().get(1), item));
      case CONTAINS:
        return Values.contains(value(call.args().get(0), item), value(call.args().get(1), item));
      default:
        throw new IllegalStateException("not a condition function: " + call.name());
    }
  }

  /** The value of an operand for the item, or null when it has none (a missing attribute). */
  static AttributeValue value(Operand operand, Map<String, AttributeValue> item) {
    if (operand instanceof Ast.ValueOperand v) {
      return v.value();
    }
    if (operand instanceof Ast.PathOperand p) {
      return p.path().get(item);
    }
    if (operand instanceof Call call && call.function() == Ast.Function.SIZE) {
      AttributeValue v = value(call.args().get(0), item);
      return v == null ? null : Values.size(v);
    }
    throw new IllegalStateException("not a condition operand: " + operand);
  }
}
