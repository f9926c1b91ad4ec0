package dev.streambed.dynamodb.expression;

import dev.streambed.dynamodb.expression.Ast.Between;
import dev.streambed.dynamodb.expression.Ast.Call;
import dev.streambed.dynamodb.expression.Ast.Comparison;
import dev.streambed.dynamodb.expression.Ast.Node;
import dev.streambed.dynamodb.expression.Ast.PathOperand;
import dev.streambed.dynamodb.expression.Ast.Predicate;
import dev.streambed.dynamodb.expression.Ast.ValueOperand;
import dev.streambed.kernel.error.AwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * A KeyConditionExpression is a condition of at most two terms joined by AND, each on a
 * top-level attribute: {@code =}, {@code <}, {@code <=}, {@code >}, {@code >=}, BETWEEN, or
 * begins_with. It is parsed as any condition and then held to that shape, with DynamoDB's
 * messages for what falls outside it.
 */
final class KeyConditionParser {
  private KeyConditionParser() {}

  static List<KeyConditionTerm> parse(String text, ExpressionContext context) {
    Predicate predicate = ConditionParser.parse(text, context);
    List<KeyConditionTerm> terms = new ArrayList<>(2);
    collect(predicate, terms);
    if (terms.size() > 2) {
      throw AwsException.validation("Conditions can be of length 1 or 2 only");
    }
    return terms;
  }

  private static void collect(Node node, List<KeyConditionTerm> terms) {
    if (node instanceof Ast.And and) {
      collect(and.left(), terms);
      collect(and.right(), terms);
    } else if (node instanceof Ast.Or) {
      throw invalidOperator("OR");
    } else if (node instanceof Ast.Not) {
      throw invalidOperator("NOT");
    } else if (node instanceof Ast.In) {
      throw invalidOperator("IN");
    } else if (node instanceof Comparison c) {
      if (c.op() == Ast.Comparator.NE) {
        throw invalidOperator("<>");
      }
      if (c.left() instanceof ValueOperand && c.right() instanceof PathOperand) {
        terms.add(new KeyConditionTerm(attribute(c.right()), flipped(c.op()).symbol, value(c.left()), null));
      } else {
        terms.add(new KeyConditionTerm(attribute(c.left()), c.op().symbol, value(c.right()), null));
      }
    } else if (node instanceof Between b) {
      terms.add(new KeyConditionTerm(attribute(b.subject()), "BETWEEN", value(b.low()), value(b.high())));
    } else if (node instanceof Call call && call.function() == Ast.Function.BEGINS_WITH) {
      terms.add(new KeyConditionTerm(attribute(call.args().get(0)), "begins_with",
          value(call.args().get(1)), null));
    } else if (node instanceof Call call) {
      throw invalidOperator(call.name());
    } else {
      throw new ExpressionError("Invalid condition in KeyConditionExpression");
    }
  }

  private static Ast.Comparator flipped(Ast.Comparator op) {
    switch (op) {
      case LT: return Ast.Comparator.GT;
      case LE: return Ast.Comparator.GE;
      case GT: return Ast.Comparator.LT;
      case GE: return Ast.Comparator.LE;
      default: return op;
    }
  }

  private static String attribute(Node operand) {
    if (operand instanceof PathOperand p) {
      if (p.path().size() != 1) {
        throw new ExpressionError("KeyConditionExpressions cannot have conditions on nested attributes");
      }
      return p.path().top();
    }
    throw new ExpressionError("Invalid condition in KeyConditionExpression: "
        + "KeyConditionExpression must contain a key attribute on one side of the condition");
  }

  private static dev.streambed.kernel.value.AttributeValue value(Node operand) {
    if (operand instanceof ValueOperand v) {
      return v.value();
    }
    throw AwsException.validation("KeyConditionExpressions must only contain one condition per key");
  }

  /** AWS words this one without the usual "Invalid KeyConditionExpression:" prefix. */
  private static AwsException invalidOperator(String operator) {
    return AwsException.validation("Invalid operator used in KeyConditionExpression: " + operator);
  }
}
