package dev.streambed.dynamodb.expression;

import dev.streambed.dynamodb.expression.Ast.Predicate;
import dev.streambed.kernel.error.AwsException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import java.util.Set;

/**
 * Parsing of DynamoDB's expression language and its legacy parameters, with AWS's validation
 * and messages. Each parse records in the context which names and values it used.
 */
public final class Expressions {
  private Expressions() {}

  /**
   * Parses a condition. {@code parameter} is the request parameter it came from
   * ("ConditionExpression", "FilterExpression"), used in AWS's messages
   * ("Invalid ConditionExpression: ...").
   */
  public static Condition condition(String text, String parameter, ExpressionContext context) {
    Predicate predicate = parse(text, parameter, () -> ConditionParser.parse(text, context));
    Set<String> names = new java.util.LinkedHashSet<>();
    collectNames(predicate, names);
    Set<String> read = Set.copyOf(names);
    return new Condition() {
      @Override
      public boolean test(java.util.Map<String, dev.streambed.kernel.value.AttributeValue> item) {
        return Evaluator.test(predicate, item);
      }

      @Override
      public Set<String> attributeNames() {
        return read;
      }
    };
  }

  /**
   * Parses a condition that another language was translated into (PartiQL's WHERE clause): its
   * errors carry their text alone, without "Invalid ConditionExpression: ", as DynamoDB's
   * PartiQL answers them.
   */
  public static Condition statementCondition(String text, ExpressionContext context) {
    Predicate predicate = unprefixed(() -> ConditionParser.parse(text, context));
    return new Condition() {
      @Override
      public boolean test(java.util.Map<String, dev.streambed.kernel.value.AttributeValue> item) {
        return Evaluator.test(predicate, item);
      }
    };
  }

  /** Parses an update translated from another language (PartiQL's SET and REMOVE), likewise. */
  public static Update statementUpdate(String text, ExpressionContext context) {
    return unprefixed(() -> UpdateParser.parse(text, context));
  }

  private static <T> T unprefixed(Parse<T> parse) {
    try {
      return parse.run();
    } catch (ExpressionError e) {
      throw AwsException.validation(e.getMessage());
    }
  }

  public static Update update(String text, ExpressionContext context) {
    return parse(text, "UpdateExpression", () -> UpdateParser.parse(text, context));
  }

  public static Projection projection(String text, ExpressionContext context) {
    return parse(text, "ProjectionExpression", () -> ProjectionParser.parse(text, context));
  }

  /**
   * Parses a KeyConditionExpression into its one or two terms; the caller matches them to the
   * key schema.
   */
  public static List<KeyConditionTerm> keyCondition(String text, ExpressionContext context) {
    return parse(text, "KeyConditionExpression", () -> KeyConditionParser.parse(text, context));
  }

  /** The legacy {@code Expected} parameter with its {@code ConditionalOperator} (may be null). */
  public static Condition expected(List<ExpectedAttribute> expected, String conditionalOperator) {
    return LegacyCondition.expected(expected, conditionalOperator);
  }

  /**
   * The legacy {@code QueryFilter}, {@code ScanFilter} or {@code KeyConditions} parameter (entries
   * made with {@link ExpectedAttribute#filter}) with its {@code ConditionalOperator} (may be null).
   */
  public static Condition filter(List<ExpectedAttribute> conditions, String conditionalOperator) {
    return LegacyCondition.filter(conditions, conditionalOperator);
  }

  /**
   * Refuses a ConditionalOperator joining a single legacy filter condition; Query and Scan check
   * it after the rest of the request, as DynamoDB does.
   */
  public static void checkConditionalOperator(String conditionalOperator, int conditions) {
    LegacyCondition.checkOperatorCount(conditionalOperator, conditions);
  }

  /** The legacy {@code AttributeUpdates} parameter of UpdateItem. */
  public static Update attributeUpdates(List<AttributeUpdate> attributeUpdates) {
    return LegacyUpdate.of(attributeUpdates);
  }

  /** DynamoDB's order of two values of one orderable type (N by value, S and B by their bytes). */
  public static int compare(dev.streambed.kernel.value.AttributeValue a, dev.streambed.kernel.value.AttributeValue b) {
    return Values.compare(a, b);
  }

  /** The legacy {@code AttributesToGet} parameter. */
  public static Projection attributesToGet(List<String> names) {
    Set<String> seen = new HashSet<>();
    List<Path> paths = new ArrayList<>(names.size());
    for (String name : names) {
      if (!seen.add(name)) {
        throw AwsException.validation(Messages.duplicateAttributeName(name));
      }
      paths.add(Path.of(name));
    }
    return new ProjectionPlan(paths);
  }

  /** Collects the top-level names of every path a parsed expression reads. */
  private static void collectNames(Ast.Node node, Set<String> names) {
    if (node instanceof Ast.PathOperand p) {
      names.add(p.path().top());
    } else if (node instanceof Ast.Call c) {
      c.args().forEach(a -> collectNames(a, names));
    } else if (node instanceof Ast.Arithmetic a) {
      collectNames(a.left(), names);
      collectNames(a.right(), names);
    } else if (node instanceof Ast.Comparison c) {
      collectNames(c.left(), names);
      collectNames(c.right(), names);
    } else if (node instanceof Ast.Between b) {
      collectNames(b.subject(), names);
      collectNames(b.low(), names);
      collectNames(b.high(), names);
    } else if (node instanceof Ast.In i) {
      collectNames(i.subject(), names);
      i.candidates().forEach(c -> collectNames(c, names));
    } else if (node instanceof Ast.And a) {
      collectNames(a.left(), names);
      collectNames(a.right(), names);
    } else if (node instanceof Ast.Or o) {
      collectNames(o.left(), names);
      collectNames(o.right(), names);
    } else if (node instanceof Ast.Not n) {
      collectNames(n.operand(), names);
    }
  }

  private interface Parse<T> {
    T run();
  }

  private static <T> T parse(String text, String parameter, Parse<T> parse) {
    if (text.isEmpty()) {
      throw AwsException.validation(Messages.invalid(parameter, Messages.EMPTY));
    }
    try {
      return parse.run();
    } catch (ExpressionError e) {
      throw AwsException.validation(Messages.invalid(parameter, e.getMessage()));
    }
  }

}
