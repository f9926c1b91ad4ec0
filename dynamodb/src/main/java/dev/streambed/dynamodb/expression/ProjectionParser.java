package dev.streambed.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

/** Parser of ProjectionExpression: comma-separated document paths, nothing else. */
final class ProjectionParser extends ParserBase {
  private ProjectionParser(String text, ExpressionContext context) {
    super(text, context);
  }

  static ProjectionPlan parse(String text, ExpressionContext context) {
    ProjectionParser parser = new ProjectionParser(text, context);
    List<Path> paths = new ArrayList<>();
    paths.add(parser.parsePath());
    while (parser.t.type() == TokenType.COMMA) {
      parser.t.advance();
      paths.add(parser.parsePath());
    }
    if (parser.t.type() != TokenType.EOF) {
      throw parser.t.syntaxError();
    }
    parser.checkOverlaps(paths);
    parser.problems.throwIfAny();
    return new ProjectionPlan(paths);
  }

  @Override
  boolean isGrammarKeyword() {
    return false;
  }
}
