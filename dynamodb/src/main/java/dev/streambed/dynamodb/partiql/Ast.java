package dev.streambed.dynamodb.partiql;

import dev.streambed.kernel.value.AttributeValue;
import java.util.List;

/** The parsed forms of PartiQL statements, with every {@code ?} already replaced by its parameter. */
final class Ast {
  private Ast() {}

  /** An operand or a condition: PartiQL does not tell them apart until they are used. */
  sealed interface Expr permits Path, Literal, Missing, Call, Arith, Compare, Between, In, Is, And,
      Or, Not {}

  /** One step of a path: a name, or a list index when {@code name} is null. */
  record Step(String name, int index) {
    boolean isIndex() {
      return name == null;
    }
  }

  record Path(List<Step> steps) implements Expr {
    String top() {
      return steps.get(0).name();
    }
  }

  record Literal(AttributeValue value) implements Expr {}

  /** The MISSING keyword, usable only after IS. */
  record Missing() implements Expr {}

  /** A function call; {@code name} in lower case, as DynamoDB names functions. */
  record Call(String name, List<Expr> args) implements Expr {}

  record Arith(boolean plus, Expr left, Expr right) implements Expr {}

  record Compare(String op, Expr left, Expr right) implements Expr {}

  record Between(Expr subject, Expr low, Expr high, boolean negated) implements Expr {}

  record In(Expr subject, List<Expr> candidates, boolean negated) implements Expr {}

  /** {@code IS [NOT] MISSING} or {@code IS [NOT] NULL}. */
  record Is(Expr subject, boolean missing, boolean negated) implements Expr {}

  record And(Expr left, Expr right) implements Expr {}

  record Or(Expr left, Expr right) implements Expr {}

  record Not(Expr operand) implements Expr {}

  /** A statement's table and, for SELECT, the index it reads (or null). */
  record Source(String table, String index) {}

  sealed interface Statement permits Select, Insert, Update, Delete, Exists {}

  /** {@code projection} is null for {@code *}. */
  record Select(Source source, List<Path> projection, Expr where, List<Order> orderBy)
      implements Statement {}

  record Order(String name, boolean descending) {}

  record Insert(Source source, java.util.Map<String, AttributeValue> item) implements Statement {}

  /** One SET (value non-null) or REMOVE (value null) of an UPDATE. */
  record Action(Path path, Expr value) {}

  /** {@code returning} is "ALL OLD", "MODIFIED OLD", "ALL NEW", "MODIFIED NEW" or null. */
  record Update(Source source, List<Action> actions, Expr where, String returning)
      implements Statement {}

  record Delete(Source source, Expr where, String returning) implements Statement {}

  /** {@code EXISTS(SELECT ...)}: a condition check in ExecuteTransaction. */
  record Exists(Select select) implements Statement {}
}
