package dev.streambed.dynamodb.expression;

import dev.streambed.dynamodb.expression.Ast.Call;
import dev.streambed.dynamodb.expression.Ast.Comparator;
import dev.streambed.dynamodb.expression.Ast.Function;
import dev.streambed.dynamodb.expression.Ast.Node;
import dev.streambed.dynamodb.expression.Ast.Operand;
import dev.streambed.dynamodb.expression.Ast.PathOperand;
import dev.streambed.dynamodb.expression.Ast.Predicate;
import dev.streambed.dynamodb.expression.Ast.ValueOperand;
import dev.streambed.kernel.value.AttributeType;
import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser of condition expressions (ConditionExpression, FilterExpression, and
 * later KeyConditionExpression). Precedence, loosest first: OR, AND, NOT, then comparisons,
 * BETWEEN, IN and functions, with parentheses grouping.
 */
final class ConditionParser extends ParserBase {
  /** At most this many operands in an IN list, as DynamoDB allows. */
  static final int MAX_IN_OPERANDS = 100;

  /** Whether the node just parsed was closed by a parenthesis (to find redundant ones). */
  private boolean parenthesized;

  private ConditionParser(String text, ExpressionContext context) {
    super(text, context);
  }

  static Predicate parse(String text, ExpressionContext context) {
    ConditionParser parser = new ConditionParser(text, context);
    Node node = parser.parseOr();
    if (parser.t.type() != TokenType.EOF) {
      throw parser.t.syntaxError();
    }
    Predicate result = parser.predicate(node);
    parser.problems.throwIfAny();
    return result;
  }

  @Override
  boolean isGrammarKeyword() {
    return t.isKeyword("AND") || t.isKeyword("OR") || t.isKeyword("NOT")
        || t.isKeyword("BETWEEN") || t.isKeyword("IN");
  }

  private Node parseOr() {
    Node left = parseAnd();
    while (t.isKeyword("OR")) {
      Predicate l = predicate(left);
      t.advance();
      Node right = parseAnd();
      left = new Ast.Or(l, predicate(right));
      parenthesized = false;
    }
    return left;
  }

  private Node parseAnd() {
    Node left = parseNot();
    while (t.isKeyword("AND")) {
      Predicate l = predicate(left);
      t.advance();
      Node right = parseNot();
      left = new Ast.And(l, predicate(right));
      parenthesized = false;
    }
    return left;
  }

  private Node parseNot() {
    if (t.isKeyword("NOT")) {
      t.advance();
      Predicate operand = predicate(parseNot());
      parenthesized = false;
      return new Ast.Not(operand);
    }
    return parsePrimary();
  }

  private Node parsePrimary() {
    if (t.type() == TokenType.LPAREN) {
      t.advance();
      Node inner = parseOr();
      boolean redundant = parenthesized;
      t.expect(TokenType.RPAREN);
      if (redundant) {
        problems.add(Problems.PARENTHESES, 0, Messages.REDUNDANT_PARENTHESES);
      }
      if (inner instanceof Operand operand && startsComparison()) {
        return comparisonTail(operand);
      }
      parenthesized = true;
      return inner;
    }
    Operand operand = parseOperand();
    if (startsComparison()) {
      return comparisonTail(operand);
    }
    return operand;
  }

  private boolean startsComparison() {
    switch (t.type()) {
      case EQ: case NE: case LT: case LE: case GT: case GE:
        return true;
      case NAME:
        return t.isKeyword("BETWEEN") || t.isKeyword("IN");
      default:
        return false;
    }
  }

  private Predicate comparisonTail(Operand subject) {
    checkOperandPosition(subject);
    Predicate result;
    if (t.isKeyword("BETWEEN")) {
      t.advance();
      Operand low = operandInPosition();
      if (!t.isKeyword("AND")) {
        throw t.syntaxError();
      }
      t.advance();
      Operand high = operandInPosition();
      checkDistinct("BETWEEN", subject, List.of(low, high));
      checkBetweenBounds(low, high);
      result = new Ast.Between(subject, low, high);
    } else if (t.isKeyword("IN")) {
      t.advance();
      t.expect(TokenType.LPAREN);
      List<Operand> candidates = new ArrayList<>();
      candidates.add(operandInPosition());
      while (t.type() == TokenType.COMMA) {
        t.advance();
        candidates.add(operandInPosition());
      }
      t.expect(TokenType.RPAREN);
      if (candidates.size() > MAX_IN_OPERANDS) {
        semantic(t.position(), Messages.tooManyInOperands(candidates.size()));
      }
      checkDistinct("IN", subject, candidates);
      result = new Ast.In(subject, List.copyOf(candidates));
    } else {
      Comparator op = comparator(t.type());
      t.advance();
      Operand right = operandInPosition();
      checkDistinct(op.symbol, subject, List.of(right));
      if (op != Comparator.EQ && op != Comparator.NE) {
        checkOrderable(op.symbol, subject);
        checkOrderable(op.symbol, right);
      }
      result = new Ast.Comparison(op, subject, right);
    }
    parenthesized = false;
    return result;
  }

  private static Comparator comparator(TokenType type) {
    switch (type) {
      case EQ: return Comparator.EQ;
      case NE: return Comparator.NE;
      case LT: return Comparator.LT;
      case LE: return Comparator.LE;
      case GT: return Comparator.GT;
      default: return Comparator.GE;
    }
  }

  private Operand operandInPosition() {
    Operand operand = parseOperand();
    checkOperandPosition(operand);
    return operand;
  }

  private Operand parseOperand() {
    switch (t.type()) {
      case VALUE_PLACEHOLDER:
        parenthesized = false;
        return parseValue();
      case LPAREN: {
        t.advance();
        Operand inner = parseOperand();
        boolean redundant = parenthesized;
        t.expect(TokenType.RPAREN);
        if (redundant) {
          problems.add(Problems.PARENTHESES, 0, Messages.REDUNDANT_PARENTHESES);
        }
        parenthesized = true;
        return inner;
      }
      case NAME:
        if (isGrammarKeyword()) {
          throw t.syntaxError();
        }
        if (t.type(1) == TokenType.LPAREN) {
          return parseCall();
        }
        parenthesized = false;
        return new PathOperand(parsePath());
      case NAME_PLACEHOLDER:
        parenthesized = false;
        return new PathOperand(parsePath());
      default:
        throw t.syntaxError();
    }
  }

  private Call parseCall() {
    int position = t.position();
    String name = t.text();
    t.advance();
    t.expect(TokenType.LPAREN);
    List<Operand> args = new ArrayList<>(2);
    args.add(parseArgument());
    while (t.type() == TokenType.COMMA) {
      t.advance();
      args.add(parseArgument());
    }
    t.expect(TokenType.RPAREN);
    Function function = Function.named(name);
    if (function == null) {
      lexical(position, Messages.unknownFunction(name));
    } else if (!function.inConditions()) {
      lexical(position, Messages.functionNotAllowedInCondition(name));
    }
    Call call = new Call(function, name, List.copyOf(args), position);
    if (function != null && function.inConditions()) {
      FunctionChecks.check(call, this, t.position());
    }
    parenthesized = false;
    return call;
  }

  private Operand parseArgument() {
    Operand operand = parseOperand();
    checkOperandPosition(operand);
    return operand;
  }

  /** A function that yields true or false cannot stand where a value is needed. */
  private void checkOperandPosition(Operand operand) {
    if (operand instanceof Call call && call.function() != null && call.function().predicate) {
      lexical(call.position(), Messages.misusedFunction(call.name()));
    }
  }

  /** Where a condition is needed: a bare path or value is a syntax error at the current token. */
  private Predicate predicate(Node node) {
    if (node instanceof Call call) {
      if (call.function() == Function.SIZE) {
        lexical(call.position(), Messages.misusedFunction(call.name()));
      }
      return call;
    }
    if (node instanceof Predicate predicate) {
      return predicate;
    }
    throw t.syntaxError();
  }

  private void checkDistinct(String operator, Operand first, List<Operand> others) {
    if (!(first instanceof PathOperand path)) {
      return;
    }
    for (Operand other : others) {
      if (other instanceof PathOperand p && p.path().equals(path.path())) {
        semantic(t.position(), Messages.notDistinct(operator, path.path().render()));
        return;
      }
    }
  }

  /**
   * DynamoDB orders only numbers, strings and binaries: {@code <}, {@code <=}, {@code >} and
   * {@code >=} on an operand whose type is known from the expression alone and is another one
   * (a set, a list, a map, a boolean, NULL) is refused before any item is read.
   */
  private void checkOrderable(String operator, Operand operand) {
    String known = FunctionChecks.staticType(operand);
    if (known != null && !known.equals("N") && !known.equals("S") && !known.equals("B")) {
      semantic(t.position(), Messages.operandType(operator, known));
    }
  }

  private void checkBetweenBounds(Operand low, Operand high) {
    if (low instanceof ValueOperand l && high instanceof ValueOperand h
        && l.value() != null && h.value() != null) {
      AttributeValue lv = l.value();
      AttributeValue hv = h.value();
      String lt = context.render(l.placeholder(), lv);
      String ht = context.render(h.placeholder(), hv);
      if (lv.type() != hv.type()) {
        semantic(t.position(), Messages.betweenTypes(lt, ht));
      } else if (isOrdered(lv.type()) && Values.compare(lv, hv) > 0) {
        semantic(t.position(), Messages.betweenOrder(lt, ht));
      }
    }
  }

  private static boolean isOrdered(AttributeType type) {
    return type == AttributeType.S || type == AttributeType.N || type == AttributeType.B;
  }
}
