package dev.streambed.dynamodb.expression;

import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.List;

/** What the three parsers share: document paths, placeholders, and the problems found. */
abstract class ParserBase {
  final Tokens t;
  final ExpressionContext context;
  final Problems problems = new Problems();
  /** The phase in which an undefined name placeholder is reported (targets of updates differ). */
  int undefinedNamePhase = Problems.SEMANTIC;

  ParserBase(String text, ExpressionContext context) {
    this.t = Lexer.tokenize(text);
    this.context = context;
  }

  /** The checking order, within the semantic phase, of a problem at token {@code position}. */
  long semanticOrder(int position) {
    return position;
  }

  final void semantic(int position, String message) {
    problems.add(Problems.SEMANTIC, semanticOrder(position), message);
  }

  final void lexical(int position, String message) {
    problems.add(Problems.LEXICAL, position, message);
  }

  /** path := element ( '.' element | '[' integer ']' )* */
  final Path parsePath() {
    List<Path.Step> steps = new ArrayList<>(4);
    steps.add(Path.Step.key(pathElement()));
    while (true) {
      if (t.type() == TokenType.DOT) {
        t.advance();
        steps.add(Path.Step.key(pathElement()));
      } else if (t.type() == TokenType.LBRACKET) {
        t.advance();
        if (t.type() != TokenType.INTEGER) {
          throw t.syntaxError();
        }
        steps.add(Path.Step.index(listIndex()));
        t.advance();
        t.expect(TokenType.RBRACKET);
      } else {
        return new Path(steps);
      }
    }
  }

  private int listIndex() {
    String digits = t.text();
    long value = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
    if (value > Integer.MAX_VALUE) {
      lexical(t.position(), Messages.listIndexRange(digits));
      return Integer.MAX_VALUE;
    }
    return (int) value;
  }

  private String pathElement() {
    int position = t.position();
    if (t.type() == TokenType.NAME) {
      if (isGrammarKeyword()) {
        throw t.syntaxError();
      }
      String name = t.text();
      // "size" is on the list of reserved words, but DynamoDB's lexer reads it (in lower case,
      // as functions are named) as the function name, and a function name not followed by an
      // argument list is an attribute name like any other: SET size = :v works.
      if (ReservedWords.isReserved(name) && !name.equals(Ast.Function.SIZE.text)) {
        lexical(position, Messages.reserved(name));
      }
      t.advance();
      return name;
    }
    if (t.type() == TokenType.NAME_PLACEHOLDER) {
      String placeholder = t.text();
      String name = context.name(placeholder);
      if (name == null) {
        problems.add(undefinedNamePhase,
            undefinedNamePhase == Problems.SEMANTIC ? semanticOrder(position) : position,
            Messages.undefinedName(placeholder));
        name = placeholder;
      }
      t.advance();
      return name;
    }
    throw t.syntaxError();
  }

  /** Whether the current name is a keyword of this language, which no path may use. */
  abstract boolean isGrammarKeyword();

  /** A {@code :value} placeholder at the current token; its value is null when undefined. */
  final Ast.ValueOperand parseValue() {
    String placeholder = t.text();
    AttributeValue value = context.value(placeholder);
    if (value == null) {
      semantic(t.position(), Messages.undefinedValue(placeholder));
    }
    t.advance();
    return new Ast.ValueOperand(placeholder, value);
  }

  /**
   * Checks a list of paths as DynamoDB does for UpdateExpression targets and
   * ProjectionExpression: no path may be a prefix of (or equal to) another ("overlap"), and two
   * paths may not use one step as both a map key and a list index ("conflict").
   */
  final void checkOverlaps(List<Path> paths) {
    for (int j = 1; j < paths.size(); j++) {
      for (int i = 0; i < j; i++) {
        String problem = overlap(paths.get(i), paths.get(j));
        if (problem != null) {
          problems.add(Problems.OVERLAP, j, problem);
          return;
        }
      }
    }
  }

  private static String overlap(Path one, Path two) {
    int common = Math.min(one.size(), two.size());
    for (int k = 0; k < common; k++) {
      Path.Step a = one.step(k);
      Path.Step b = two.step(k);
      if (a.isIndex() != b.isIndex()) {
        return Messages.pathsConflict(one.render(), two.render());
      }
      if (!a.equals(b)) {
        return null;
      }
    }
    return Messages.pathsOverlap(one.render(), two.render());
  }
}
