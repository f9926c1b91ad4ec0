package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.List;

/** The parsed forms of expressions: plain data, evaluated by {@link Evaluator} and {@link UpdatePlan}. */
final class Ast {
  private Ast() {}

  /** Anything the parser builds. */
  interface Node {}

  /** Something that stands for a value: a path, a value placeholder, a function call, arithmetic. */
  interface Operand extends Node {}

  /** Something that is true or false of an item. */
  interface Predicate extends Node {}

  record PathOperand(Path path) implements Operand {}

  record ValueOperand(String placeholder, AttributeValue value) implements Operand {}

  /** A function call; boolean functions are predicates, the others operands. */
  record Call(Function function, String name, List<Operand> args, int position)
      implements Operand, Predicate {}

  /** SET's {@code a + b} and {@code a - b}. */
  record Arithmetic(boolean plus, Operand left, Operand right) implements Operand {}

  record Comparison(Comparator op, Operand left, Operand right) implements Predicate {}

  record Between(Operand subject, Operand low, Operand high) implements Predicate {}

  record In(Operand subject, List<Operand> candidates) implements Predicate {}

  record And(Predicate left, Predicate right) implements Predicate {}

  record Or(Predicate left, Predicate right) implements Predicate {}

  record Not(Predicate operand) implements Predicate {}

  enum Comparator {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }
  }

  /** The functions of the language; which are allowed depends on the expression type. */
  enum Function {
    ATTRIBUTE_EXISTS("attribute_exists", 1, true),
    ATTRIBUTE_NOT_EXISTS("attribute_not_exists", 1, true),
    ATTRIBUTE_TYPE("attribute_type", 2, true),
    BEGINS_WITH("begins_with", 2, true),
    CONTAINS("contains", 2, true),
    SIZE("size", 1, false),
    IF_NOT_EXISTS("if_not_exists", 2, false),
    LIST_APPEND("list_append", 2, false);

    final String text;
    final int arity;
    final boolean predicate;

    Function(String text, int arity, boolean predicate) {
      this.text = text;
      this.arity = arity;
      this.predicate = predicate;
    }

    /** The function of that exact (case-sensitive) name, or null. */
    static Function named(String name) {
      switch (name) {
        case "attribute_exists": return ATTRIBUTE_EXISTS;
        case "attribute_not_exists": return ATTRIBUTE_NOT_EXISTS;
        case "attribute_type": return ATTRIBUTE_TYPE;
        case "begins_with": return BEGINS_WITH;
        case "contains": return CONTAINS;
        case "size": return SIZE;
        case "if_not_exists": return IF_NOT_EXISTS;
        case "list_append": return LIST_APPEND;
        default: return null;
      }
    }

    boolean inConditions() {
      return this != IF_NOT_EXISTS && this != LIST_APPEND;
    }

    boolean inUpdates() {
      return this == IF_NOT_EXISTS || this == LIST_APPEND;
    }
  }
}
