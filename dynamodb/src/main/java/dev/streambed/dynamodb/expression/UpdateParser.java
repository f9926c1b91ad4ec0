package dev.streambed.dynamodb.expression;

import dev.streambed.dynamodb.expression.Ast.Call;
import dev.streambed.dynamodb.expression.Ast.Function;
import dev.streambed.dynamodb.expression.Ast.Operand;
import dev.streambed.dynamodb.expression.UpdateAction.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Recursive-descent parser of UpdateExpression: clauses SET, REMOVE, ADD and DELETE, each at
 * most once, in any order, each with comma-separated actions.
 */
final class UpdateParser extends ParserBase {
  private final List<UpdateAction> actions = new ArrayList<>();
  private boolean parenthesized;

  private UpdateParser(String text, ExpressionContext context) {
    super(text, context);
  }

  static UpdatePlan parse(String text, ExpressionContext context) {
    UpdateParser parser = new UpdateParser(text, context);
    parser.parseClauses();
    List<Path> targets = new ArrayList<>(parser.actions.size());
    for (UpdateAction action : parser.actions) {
      targets.add(action.path());
    }
    parser.checkOverlaps(targets);
    parser.problems.throwIfAny();
    return new UpdatePlan(parser.actions);
  }

  /** DynamoDB checks the actions of an update from the last to the first. */
  @Override
  long semanticOrder(int position) {
    return ((long) (Integer.MAX_VALUE - actions.size()) << 32) | position;
  }

  @Override
  boolean isGrammarKeyword() {
    return clauseAt() != null;
  }

  private Kind clauseAt() {
    if (t.type() != TokenType.NAME) {
      return null;
    }
    if (t.isKeyword("SET")) {
      return Kind.SET;
    } else if (t.isKeyword("REMOVE")) {
      return Kind.REMOVE;
    } else if (t.isKeyword("ADD")) {
      return Kind.ADD;
    } else if (t.isKeyword("DELETE")) {
      return Kind.DELETE;
    }
    return null;
  }

  private void parseClauses() {
    EnumSet<Kind> seen = EnumSet.noneOf(Kind.class);
    do {
      Kind kind = clauseAt();
      if (kind == null) {
        throw t.syntaxError();
      }
      if (!seen.add(kind)) {
        problems.add(Problems.SECTION, t.position(), Messages.sectionTwice(kind.name()));
      }
      t.advance();
      parseAction(kind);
      while (t.type() == TokenType.COMMA) {
        t.advance();
        parseAction(kind);
      }
      if (t.type() != TokenType.EOF && clauseAt() == null) {
        throw t.syntaxError();
      }
    } while (t.type() != TokenType.EOF);
  }

  private void parseAction(Kind kind) {
    undefinedNamePhase = Problems.TARGET_NAMES;
    Path path = parsePath();
    undefinedNamePhase = Problems.SEMANTIC;
    Operand value = null;
    switch (kind) {
      case SET:
        t.expect(TokenType.EQ);
        value = parseSetValue();
        break;
      case ADD:
      case DELETE:
        if (t.type() != TokenType.VALUE_PLACEHOLDER) {
          throw t.syntaxError();
        }
        Ast.ValueOperand v = parseValue();
        if (v.value() != null && !allowed(kind, v.value().type().name())) {
          semantic(t.position(),
              Messages.clauseOperandType(kind.name(), Messages.typeWord(v.value().type().name())));
        }
        value = v;
        break;
      default:
        break;
    }
    actions.add(new UpdateAction(kind, path, value));
  }

  private static boolean allowed(Kind kind, String type) {
    switch (type) {
      case "SS": case "NS": case "BS":
        return true;
      case "N":
        return kind == Kind.ADD;
      default:
        return false;
    }
  }

  /** value := term ( ('+' | '-') term )? */
  private Operand parseSetValue() {
    Operand left = parseTerm();
    if (t.type() == TokenType.PLUS || t.type() == TokenType.MINUS) {
      boolean plus = t.type() == TokenType.PLUS;
      t.advance();
      Operand right = parseTerm();
      Ast.Arithmetic arithmetic = new Ast.Arithmetic(plus, left, right);
      String op = plus ? "+" : "-";
      for (Operand side : List.of(left, right)) {
        String known = FunctionChecks.staticType(side);
        if (known != null && !known.equals("N")) {
          semantic(t.position(), Messages.operandType(op, known));
          break;
        }
      }
      parenthesized = false;
      return arithmetic;
    }
    return left;
  }

  /** term := '(' value ')' | :value | path | function '(' term (',' term)* ')' */
  private Operand parseTerm() {
    switch (t.type()) {
      case LPAREN: {
        t.advance();
        Operand inner = parseSetValue();
        boolean redundant = parenthesized;
        t.expect(TokenType.RPAREN);
        if (redundant) {
          problems.add(Problems.PARENTHESES, 0, Messages.REDUNDANT_PARENTHESES);
        }
        parenthesized = true;
        return inner;
      }
      case VALUE_PLACEHOLDER:
        parenthesized = false;
        return parseValue();
      case NAME:
        if (isGrammarKeyword()) {
          throw t.syntaxError();
        }
        if (t.type(1) == TokenType.LPAREN) {
          return parseCall();
        }
        parenthesized = false;
        return new Ast.PathOperand(parsePath());
      case NAME_PLACEHOLDER:
        parenthesized = false;
        return new Ast.PathOperand(parsePath());
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
    args.add(parseTerm());
    while (t.type() == TokenType.COMMA) {
      t.advance();
      args.add(parseTerm());
    }
    t.expect(TokenType.RPAREN);
    Function function = Function.named(name);
    if (function == null) {
      lexical(position, Messages.unknownFunction(name));
    } else if (!function.inUpdates()) {
      lexical(position, Messages.functionNotAllowedInUpdate(name));
    }
    Call call = new Call(function, name, List.copyOf(args), position);
    if (function != null && function.inUpdates()) {
      FunctionChecks.check(call, this, t.position());
    }
    parenthesized = false;
    return call;
  }
}
