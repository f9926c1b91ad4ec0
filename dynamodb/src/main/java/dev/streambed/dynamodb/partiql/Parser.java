package dev.streambed.dynamodb.partiql;

import dev.streambed.dynamodb.partiql.Ast.Expr;
import dev.streambed.dynamodb.partiql.Lexer.Token;
import dev.streambed.dynamodb.partiql.Lexer.Type;
import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.value.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser of the PartiQL statements DynamoDB runs: SELECT, INSERT, UPDATE,
 * DELETE and, in transactions, EXISTS. Each {@code ?} takes the next parameter, in order.
 */
final class Parser {
  private static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT",
      "BETWEEN", "IN", "IS", "MISSING", "NULL", "TRUE", "FALSE", "SET", "REMOVE", "RETURNING",
      "ORDER", "BY", "ASC", "DESC", "VALUE", "INTO", "INSERT", "UPDATE", "DELETE", "EXISTS");

  private final String statement;
  private final List<Token> tokens;
  private final List<AttributeValue> parameters;
  private int pos;
  private int used;

  private Parser(String statement, List<Token> tokens, List<AttributeValue> parameters) {
    this.statement = statement;
    this.tokens = tokens;
    this.parameters = parameters;
  }

  /**
   * Brackets nested deeper than any statement DynamoDB runs (its documents nest 32 levels) are
   * refused as malformed before the recursive descent, whose stack they would exhaust.
   */
  private static final int MAX_NESTING = 200;

  private static boolean tooDeep(List<Token> tokens) {
    int depth = 0;
    for (Token t : tokens) {
      switch (t.type()) {
        case LPAREN, LBRACKET, LBRACE, LBAG -> {
          if (++depth > MAX_NESTING) {
            return true;
          }
        }
        case RPAREN, RBRACKET, RBRACE, RBAG -> depth--;
        default -> { }
      }
    }
    return false;
  }

  /** Parses one statement; {@code parameters} may be empty, never null. */
  static Ast.Statement parse(String statement, List<AttributeValue> parameters) {
    List<Token> tokens = Lexer.tokenize(statement);
    if (tokens == null || tooDeep(tokens)) {
      throw malformed(statement);
    }
    Parser p = new Parser(statement, tokens, parameters);
    Ast.Statement parsed = p.statement();
    if (p.peek().type() != Type.EOF) {
      throw malformed(statement);
    }
    if (p.used > parameters.size()) {
      throw AwsException.validation(Messages.PARAMETER_COUNT);
    }
    return parsed;
  }

  static AwsException malformed(String statement) {
    return AwsException.validation(Messages.malformed(statement));
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.type() != Type.EOF) {
      pos++;
    }
    return t;
  }

  private boolean accept(Type type) {
    if (peek().type() == type) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean accept(String keyword) {
    if (peek().is(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(Type type) {
    if (!accept(type)) {
      throw malformed(statement);
    }
  }

  private void expect(String keyword) {
    if (!accept(keyword)) {
      throw malformed(statement);
    }
  }

  private Ast.Statement statement() {
    if (accept("SELECT")) {
      return select();
    } else if (accept("INSERT")) {
      expect("INTO");
      Ast.Source source = new Ast.Source(name(), null);
      expect("VALUE");
      if (peek().type() != Type.LBRACE) {
        throw AwsException.validation(Messages.INSERT_FORMAT + " at " + where(peek()));
      }
      AttributeValue.M m = (AttributeValue.M) collection();
      if (peek().is("RETURNING")) {
        throw AwsException.validation(Messages.INSERT_RETURNING);
      }
      return new Ast.Insert(source, m.value());
    } else if (accept("UPDATE")) {
      return update();
    } else if (accept("DELETE")) {
      expect("FROM");
      Ast.Source source = new Ast.Source(name(), null);
      expect("WHERE");
      Expr where = expr();
      return new Ast.Delete(source, where, returning());
    } else if (accept("EXISTS")) {
      expect(Type.LPAREN);
      expect("SELECT");
      Ast.Select select = select();
      expect(Type.RPAREN);
      return new Ast.Exists(select);
    }
    throw malformed(statement);
  }

  private Ast.Select select() {
    List<Ast.Path> projection = null;
    if (!accept(Type.STAR)) {
      projection = new ArrayList<>();
      do {
        projection.add(path());
      } while (accept(Type.COMMA));
    }
    expect("FROM");
    String table = name();
    String index = accept(Type.DOT) ? name() : null;
    Expr where = accept("WHERE") ? expr() : null;
    List<Ast.Order> order = new ArrayList<>();
    if (accept("ORDER")) {
      expect("BY");
      do {
        String key = name();
        boolean desc = accept("DESC");
        if (!desc) {
          accept("ASC");
        }
        order.add(new Ast.Order(key, desc));
      } while (accept(Type.COMMA));
    }
    return new Ast.Select(new Ast.Source(table, index), projection, where, order);
  }

  private Ast.Update update() {
    Ast.Source source = new Ast.Source(name(), null);
    List<Ast.Action> actions = new ArrayList<>();
    while (true) {
      if (accept("SET")) {
        do {
          Ast.Path path = path();
          expect(Type.EQ);
          actions.add(new Ast.Action(path, additive()));
        } while (accept(Type.COMMA));
      } else if (accept("REMOVE")) {
        do {
          actions.add(new Ast.Action(path(), null));
        } while (accept(Type.COMMA));
      } else {
        break;
      }
    }
    if (actions.isEmpty()) {
      throw malformed(statement);
    }
    expect("WHERE");
    Expr where = expr();
    return new Ast.Update(source, actions, where, returning());
  }

  /** RETURNING (ALL|MODIFIED) (OLD|NEW) *, or null. */
  private String returning() {
    if (!accept("RETURNING")) {
      return null;
    }
    String which = accept("ALL") ? "ALL" : accept("MODIFIED") ? "MODIFIED" : null;
    String age = accept("OLD") ? "OLD" : accept("NEW") ? "NEW" : null;
    if (which == null || age == null) {
      throw malformed(statement);
    }
    expect(Type.STAR);
    return which + " " + age;
  }

  /** A table, index or attribute name: bare or double-quoted. */
  private String name() {
    Token t = next();
    if (t.type() == Type.QUOTED_IDENT || (t.type() == Type.IDENT && !isKeyword(t))) {
      return t.text();
    }
    throw malformed(statement);
  }

  private static boolean isKeyword(Token t) {
    return KEYWORDS.contains(t.text().toUpperCase(java.util.Locale.ROOT));
  }

  private Ast.Path path() {
    List<Ast.Step> steps = new ArrayList<>();
    steps.add(new Ast.Step(name(), -1));
    while (true) {
      if (accept(Type.DOT)) {
        steps.add(new Ast.Step(name(), -1));
      } else if (accept(Type.LBRACKET)) {
        Token t = next();
        if (t.type() == Type.NUMBER && t.text().chars().allMatch(Character::isDigit)
            && t.text().length() < 10) {
          steps.add(new Ast.Step(null, Integer.parseInt(t.text())));
        } else if (t.type() == Type.STRING) {
          steps.add(new Ast.Step(t.text(), -1));
        } else {
          throw malformed(statement);
        }
        expect(Type.RBRACKET);
      } else {
        return new Ast.Path(List.copyOf(steps));
      }
    }
  }

  // ---- conditions and operands, by precedence ----

  private Expr expr() {
    Expr left = conjunction();
    while (accept("OR")) {
      left = new Ast.Or(left, conjunction());
    }
    return left;
  }

  private Expr conjunction() {
    Expr left = negation();
    while (accept("AND")) {
      left = new Ast.And(left, negation());
    }
    return left;
  }

  private Expr negation() {
    return accept("NOT") ? new Ast.Not(negation()) : predicate();
  }

  private Expr predicate() {
    Expr left = additive();
    Token t = peek();
    switch (t.type()) {
      case EQ, NE, LT, LE, GT, GE -> {
        next();
        String op = t.type() == Type.NE ? "<>" : t.text();
        return new Ast.Compare(op, left, additive());
      }
      default -> { }
    }
    if (accept("IS")) {
      boolean negated = accept("NOT");
      if (accept("MISSING")) {
        return new Ast.Is(left, true, negated);
      }
      expect("NULL");
      return new Ast.Is(left, false, negated);
    }
    boolean negated = accept("NOT");
    if (accept("BETWEEN")) {
      Expr low = additive();
      expect("AND");
      return new Ast.Between(left, low, additive(), negated);
    }
    if (accept("IN")) {
      Type close = accept(Type.LBRACKET) ? Type.RBRACKET : null;
      if (close == null) {
        expect(Type.LPAREN);
        close = Type.RPAREN;
      }
      List<Expr> candidates = new ArrayList<>();
      do {
        candidates.add(additive());
      } while (accept(Type.COMMA));
      expect(close);
      return new Ast.In(left, candidates, negated);
    }
    if (negated) {
      throw malformed(statement);
    }
    return left;
  }

  private Expr additive() {
    Expr left = primary();
    while (peek().type() == Type.PLUS || peek().type() == Type.MINUS) {
      boolean plus = next().type() == Type.PLUS;
      left = fold(new Ast.Arith(plus, left, primary()));
    }
    return left;
  }

  /** Arithmetic on two number literals is computed at once, as DynamoDB accepts {@code 1 + 2 + 3}. */
  private static Expr fold(Ast.Arith a) {
    if (a.left() instanceof Ast.Literal l && l.value() instanceof AttributeValue.N x
        && a.right() instanceof Ast.Literal r && r.value() instanceof AttributeValue.N y) {
      return new Ast.Literal(AttributeValue.n(a.plus() ? x.value().add(y.value()) : x.value().subtract(y.value())));
    }
    return a;
  }

  private Expr primary() {
    Token t = peek();
    switch (t.type()) {
      case LPAREN -> {
        next();
        Expr inner = expr();
        expect(Type.RPAREN);
        return inner;
      }
      case PARAM -> {
        next();
        AttributeValue value = used < parameters.size() ? parameters.get(used) : AttributeValue.nul();
        used++;
        return new Ast.Literal(value);
      }
      case STRING -> {
        next();
        return new Ast.Literal(AttributeValue.s(t.text()));
      }
      case NUMBER -> {
        next();
        return new Ast.Literal(AttributeValue.n(t.text()));
      }
      case MINUS -> {
        next();
        Token number = next();
        if (number.type() != Type.NUMBER) {
          throw malformed(statement);
        }
        return new Ast.Literal(AttributeValue.n("-" + number.text()));
      }
      case LBRACKET, LBRACE, LBAG -> {
        return new Ast.Literal(collection());
      }
      case IDENT -> {
        if (t.is("TRUE") || t.is("FALSE")) {
          next();
          return new Ast.Literal(AttributeValue.bool(t.is("TRUE")));
        }
        if (t.is("NULL")) {
          next();
          return new Ast.Literal(AttributeValue.nul());
        }
        if (t.is("MISSING")) {
          next();
          return new Ast.Missing();
        }
        if (tokens.get(pos + 1).type() == Type.LPAREN && !isKeyword(t)) {
          return call();
        }
        return path();
      }
      case QUOTED_IDENT -> {
        return path();
      }
      default -> throw malformed(statement);
    }
  }

  private Expr call() {
    String name = next().text().toLowerCase(java.util.Locale.ROOT);
    expect(Type.LPAREN);
    List<Expr> args = new ArrayList<>();
    if (!accept(Type.RPAREN)) {
      do {
        args.add(additive());
      } while (accept(Type.COMMA));
      expect(Type.RPAREN);
    }
    return new Ast.Call(name, List.copyOf(args));
  }

  /** A token's place as DynamoDB reports it: line, column (both from 1) and length. */
  private String where(Token t) {
    int line = 1;
    int lineStart = 0;
    for (int k = 0; k < t.start(); k++) {
      if (statement.charAt(k) == '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return line + ":" + (t.start() - lineStart + 1) + ":" + Math.max(1, t.end() - t.start());
  }

  /** A list {@code [..]}, map {@code {'k': v}} or set {@code <<..>>} literal of literal values. */
  private AttributeValue collection() {
    Type open = next().type();
    if (open == Type.LBRACE) {
      Map<String, AttributeValue> map = new LinkedHashMap<>();
      if (!accept(Type.RBRACE)) {
        do {
          Token key = next();
          if (key.type() != Type.STRING) {
            throw malformed(statement);
          }
          expect(Type.COLON);
          if (map.put(key.text(), element()) != null) {
            throw AwsException.validation(Messages.duplicateTupleKey(key.text()) + " under root at "
                + where(key));
          }
        } while (accept(Type.COMMA));
        expect(Type.RBRACE);
      }
      return AttributeValue.m(map);
    }
    Type close = open == Type.LBRACKET ? Type.RBRACKET : Type.RBAG;
    List<AttributeValue> elements = new ArrayList<>();
    if (!accept(close)) {
      do {
        elements.add(element());
      } while (accept(Type.COMMA));
      expect(close);
    }
    return open == Type.LBRACKET ? AttributeValue.l(elements) : Literals.set(elements);
  }

  /** An element of a collection literal: a literal value (or parameter), never a path. */
  private AttributeValue element() {
    Expr e = additive();
    if (e instanceof Ast.Literal l) {
      return l.value();
    }
    throw malformed(statement);
  }
}
