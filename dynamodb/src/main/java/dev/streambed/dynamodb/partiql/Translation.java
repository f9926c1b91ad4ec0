package dev.streambed.dynamodb.partiql;

import dev.streambed.dynamodb.expression.Condition;
import dev.streambed.dynamodb.expression.ExpressionContext;
import dev.streambed.dynamodb.expression.Expressions;
import dev.streambed.dynamodb.expression.Update;
import dev.streambed.dynamodb.partiql.Ast.Expr;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a statement's WHERE clause and SET/REMOVE actions into DynamoDB's own expression
 * language, every name a {@code #placeholder} and every value a {@code :placeholder}, so that
 * they are checked and evaluated by the same code as ConditionExpression and UpdateExpression.
 * DynamoDB does the same: its PartiQL errors are the expression language's ("The first operand
 * must be distinct from the remaining operands ...", "Two document paths overlap ...").
 */
final class Translation {
  private static final Set<String> CONDITION_FUNCTIONS =
      Set.of("begins_with", "contains", "attribute_type", "size", "attribute_exists", "attribute_not_exists");
  private static final Set<String> UPDATE_FUNCTIONS = Set.of("list_append", "if_not_exists");

  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, String> nameOf = new HashMap<>();
  private final Map<String, AttributeValue> values = new LinkedHashMap<>();

  private Translation() {}

  /** The WHERE clause as a condition on an item. */
  static Condition condition(Expr where) {
    Translation t = new Translation();
    String text = t.predicate(where, 0);
    return Expressions.statementCondition(text, t.context());
  }

  /** The SET and REMOVE actions of an UPDATE as one update of the item. */
  static Update update(List<Ast.Action> actions) {
    Translation t = new Translation();
    StringBuilder set = new StringBuilder();
    StringBuilder remove = new StringBuilder();
    StringBuilder add = new StringBuilder();
    StringBuilder delete = new StringBuilder();
    for (Ast.Action a : actions) {
      String target = t.path(a.path());
      if (a.value() == null) {
        append(remove, target);
      } else if (a.value() instanceof Ast.Call c && (c.name().equals("set_add") || c.name().equals("set_delete"))) {
        if (c.args().size() != 2 || !a.path().equals(c.args().get(0))) {
          throw AwsException.validation(Messages.setFunctionTarget(c.name().toUpperCase(java.util.Locale.ROOT)));
        }
        append(c.name().equals("set_add") ? add : delete, target + " " + t.operand(c.args().get(1), true));
      } else {
        append(set, target + " = " + t.operand(a.value(), true));
      }
    }
    StringBuilder text = new StringBuilder();
    clause(text, "SET", set);
    clause(text, "REMOVE", remove);
    clause(text, "ADD", add);
    clause(text, "DELETE", delete);
    return Expressions.statementUpdate(text.toString(), t.context());
  }

  private static void append(StringBuilder b, String action) {
    if (!b.isEmpty()) {
      b.append(", ");
    }
    b.append(action);
  }

  private static void clause(StringBuilder text, String keyword, StringBuilder actions) {
    if (!actions.isEmpty()) {
      text.append(text.isEmpty() ? "" : " ").append(keyword).append(' ').append(actions);
    }
  }

  private ExpressionContext context() {
    return new ExpressionContext(names.isEmpty() ? null : names, values.isEmpty() ? null : values);
  }

  /** Renders a condition; {@code parent} is 0 at the top, 1 under AND, 2 under NOT. */
  private String predicate(Expr e, int parent) {
    if (e instanceof Ast.Or or) {
      String s = predicate(or.left(), 0) + " OR " + predicate(or.right(), 0);
      return parent > 0 ? "(" + s + ")" : s;
    }
    if (e instanceof Ast.And and) {
      String s = predicate(and.left(), 1) + " AND " + predicate(and.right(), 1);
      return parent > 1 ? "(" + s + ")" : s;
    }
    if (e instanceof Ast.Not not) {
      return "NOT " + predicate(not.operand(), 2);
    }
    if (e instanceof Ast.Compare c) {
      return operand(c.left(), false) + " " + c.op() + " " + operand(c.right(), false);
    }
    if (e instanceof Ast.Between b) {
      String s = operand(b.subject(), false) + " BETWEEN " + operand(b.low(), false) + " AND "
          + operand(b.high(), false);
      return b.negated() ? "NOT (" + s + ")" : s;
    }
    if (e instanceof Ast.In in) {
      StringBuilder s = new StringBuilder(operand(in.subject(), false)).append(" IN (");
      for (int i = 0; i < in.candidates().size(); i++) {
        s.append(i == 0 ? "" : ", ").append(operand(in.candidates().get(i), false));
      }
      s.append(')');
      return in.negated() ? "NOT (" + s + ")" : s.toString();
    }
    if (e instanceof Ast.Is is) {
      if (!(is.subject() instanceof Ast.Path p)) {
        throw AwsException.validation(Messages.MISSING_WITHOUT_IS);
      }
      if (is.missing()) {
        return (is.negated() ? "attribute_exists(" : "attribute_not_exists(") + path(p) + ")";
      }
      // NULL is a type of its own; an absent attribute is not NULL (DynamoDB answers so).
      String test = "attribute_type(" + path(p) + ", " + value(AttributeValue.s("NULL")) + ")";
      return is.negated() ? "NOT " + test : test;
    }
    if (e instanceof Ast.Call c) {
      return call(c, false);
    }
    throw AwsException.validation(Messages.unsupportedOperator(kind(e)));
  }

  private String operand(Expr e, boolean inUpdate) {
    if (e instanceof Ast.Path p) {
      return path(p);
    }
    if (e instanceof Ast.Literal l) {
      return value(l.value());
    }
    if (e instanceof Ast.Missing) {
      throw AwsException.validation(Messages.MISSING_WITHOUT_IS);
    }
    if (e instanceof Ast.Call c) {
      return call(c, inUpdate);
    }
    if (e instanceof Ast.Arith a) {
      if (!inUpdate) {
        throw AwsException.validation(Messages.unsupportedOperator(a.plus() ? "+" : "-"));
      }
      return operand(a.left(), true) + (a.plus() ? " + " : " - ") + operand(a.right(), true);
    }
    throw AwsException.validation(Messages.unsupportedOperator(kind(e)));
  }

  private String call(Ast.Call c, boolean inUpdate) {
    if (!CONDITION_FUNCTIONS.contains(c.name()) && !UPDATE_FUNCTIONS.contains(c.name())) {
      throw AwsException.validation(Messages.unknownFunction(c.name()));
    }
    StringBuilder s = new StringBuilder(c.name()).append('(');
    for (int i = 0; i < c.args().size(); i++) {
      s.append(i == 0 ? "" : ", ").append(operand(c.args().get(i), inUpdate));
    }
    return s.append(')').toString();
  }

  private static String kind(Expr e) {
    if (e instanceof Ast.Arith a) {
      return a.plus() ? "+" : "-";
    }
    return e.getClass().getSimpleName();
  }

  private String path(Ast.Path p) {
    StringBuilder s = new StringBuilder();
    for (Ast.Step step : p.steps()) {
      if (step.isIndex()) {
        s.append('[').append(step.index()).append(']');
      } else {
        s.append(s.isEmpty() ? "" : ".").append(name(step.name()));
      }
    }
    return s.toString();
  }

  private String name(String name) {
    return nameOf.computeIfAbsent(name, n -> {
      String placeholder = "#n" + names.size();
      names.put(placeholder, n);
      return placeholder;
    });
  }

  private String value(AttributeValue v) {
    String placeholder = ":v" + values.size();
    values.put(placeholder, v);
    return placeholder;
  }
}
