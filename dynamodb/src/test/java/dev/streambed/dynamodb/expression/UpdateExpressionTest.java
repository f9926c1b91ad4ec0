package dev.streambed.dynamodb.expression;

import static dev.streambed.dynamodb.expression.TestValues.assertValidation;
import static dev.streambed.dynamodb.expression.TestValues.item;
import static dev.streambed.dynamodb.expression.TestValues.l;
import static dev.streambed.dynamodb.expression.TestValues.m;
import static dev.streambed.dynamodb.expression.TestValues.n;
import static dev.streambed.dynamodb.expression.TestValues.names;
import static dev.streambed.dynamodb.expression.TestValues.ns;
import static dev.streambed.dynamodb.expression.TestValues.s;
import static dev.streambed.dynamodb.expression.TestValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.value.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateExpressionTest {
  private static final Map<String, AttributeValue> VALUES = item(
      ":one", n("1"), ":two", n("2"), ":s", s("S"), ":x", s("x"), ":y", s("y"), ":z", s("z"),
      ":l", l(n("9")), ":empty", l(), ":ss", ss("b", "c"), ":ns", ns("1"), ":m", m(),
      ":bool", AttributeValue.bool(true), ":nul", AttributeValue.nul(),
      ":big", n("9E+125"));

  private static Update update(String expression) {
    return Expressions.update(expression, new ExpressionContext(names("#a", "a"), VALUES));
  }

  private static Map<String, AttributeValue> apply(String expression,
      Map<String, AttributeValue> item) {
    return update(expression).apply(item);
  }

  private static void fails(String expression, String message) {
    assertValidation(() -> update(expression), "Invalid UpdateExpression: " + message);
  }

  private static void failsOn(String expression, Map<String, AttributeValue> item,
      String message) {
    Update update = update(expression);
    assertValidation(() -> update.apply(item), message);
  }

  @Test
  void setRemoveAddDelete() {
    Map<String, AttributeValue> before = item("pk", s("k"), "n", n("5"), "stale", s("o"),
        "tags", ss("a", "b"), "gone", ss("b"));
    Map<String, AttributeValue> after = apply(
        "SET a = :x, n = n + :two, c = if_not_exists(c, :one), d = if_not_exists(n, :one) "
            + "REMOVE stale ADD tags :ss, tally :one DELETE gone :ss", before);
    assertThat(after).isEqualTo(item("pk", s("k"), "n", n("7"), "tags", ss("a", "b", "c"),
        "a", s("x"), "c", n("1"), "d", n("5"), "tally", n("1")));
    assertThat(before).containsKey("stale");
  }

  @Test
  void setValuesAreComputedFromTheItemBeforeTheUpdate() {
    assertThat(apply("SET a = b, b = a", item("a", n("1"), "b", n("2"))))
        .isEqualTo(item("a", n("2"), "b", n("1")));
    assertThat(apply("set a = a - :one remove b", item("a", n("1"), "b", n("2"))))
        .isEqualTo(item("a", n("0")));
  }

  @Test
  void listAppendAndParentheses() {
    assertThat(apply("SET l = list_append(if_not_exists(l, :empty), :l)", item()))
        .isEqualTo(item("l", l(n("9"))));
    assertThat(apply("SET l = list_append(:l, l)", item("l", l(s("a")))))
        .isEqualTo(item("l", l(n("9"), s("a"))));
    assertThat(apply("SET a = (a + :one), b = (a) - (:two)", item("a", n("1"))))
        .isEqualTo(item("a", n("2"), "b", n("-1")));
  }

  @Test
  void nestedPathsAndLists() {
    Map<String, AttributeValue> before = item("m", m("x", n("1"), "l", l(n("0"), n("1"), n("2"),
        n("3"))));
    assertThat(apply("SET m.y = :x, m.l[0] = :y REMOVE m.x", before))
        .isEqualTo(item("m", m("l", l(s("y"), n("1"), n("2"), n("3")), "y", s("x"))));
    // Removals shift the rest; every index refers to the list before the update.
    assertThat(apply("REMOVE m.l[1], m.l[2] SET m.l[3] = :x, m.l[9] = :y, m.l[7] = :z", before))
        .isEqualTo(item("m", m("x", n("1"), "l", l(n("0"), s("x"), s("z"), s("y")))));
    assertThat(apply("REMOVE m.l[10], m.nothing", before)).isEqualTo(before);
    assertThat(apply("ADD m.l[4] :one", before).get("m"))
        .isEqualTo(m("x", n("1"), "l", l(n("0"), n("1"), n("2"), n("3"), n("1"))));
  }

  @Test
  void deleteEmptyingASetRemovesTheAttribute() {
    assertThat(apply("DELETE s :ss", item("k", n("1"), "s", ss("c", "b")))).isEqualTo(
        item("k", n("1")));
    assertThat(apply("DELETE s :ss", item("k", n("1")))).isEqualTo(item("k", n("1")));
    assertThat(apply("ADD s :ns", item("s", ns("2")))).isEqualTo(item("s", ns("2", "1")));
  }

  @Test
  void evaluationErrors() {
    String path = "The document path provided in the update expression is invalid for update";
    failsOn("SET a.b = :x", item("k", n("1")), path);
    failsOn("SET a[0] = :x", item("a", s("hello")), path);
    failsOn("SET a.b = :x", item("a", l()), path);
    failsOn("REMOVE a.b", item("k", n("1")), path);
    failsOn("ADD a.b :one", item("k", n("1")), path);
    String missing = "The provided expression refers to an attribute that does not exist in the item";
    failsOn("SET a = b", item("k", n("1")), missing);
    failsOn("SET a = b + :one", item("k", n("1")), missing);
    failsOn("SET a = list_append(b, :l)", item("k", n("1")), missing);
    String type = "An operand in the update expression has an incorrect data type";
    failsOn("SET a = b + :one", item("b", s("x")), type);
    failsOn("SET a = list_append(b, :l)", item("b", s("x")), type);
    failsOn("ADD a :one", item("a", s("x")), type);
    failsOn("ADD a :ss", item("a", ns("1")), type);
    failsOn("DELETE a :ss", item("a", s("x")), type);
    failsOn("SET a = a + :big", item("a", n("9E+125")),
        "Number overflow. Attempting to store a number with magnitude larger than supported range");
  }

  @Test
  void severalEvaluationErrorsAreReportedInDynamoDbsUsualOrder() {
    String path = "The document path provided in the update expression is invalid for update";
    String missing = "The provided expression refers to an attribute that does not exist in the item";
    String type = "An operand in the update expression has an incorrect data type";
    Map<String, AttributeValue> item = item("str", s("x"), "num", n("1"), "lst", l(n("1")));
    // A wrongly typed SET value before a missing one, in either order.
    failsOn("SET a = nothere, b = str + :one", item, type);
    failsOn("SET b = list_append(str, :l), a = nothere", item, type);
    failsOn("SET a = nothere, b = othernot", item, missing);
    // A path that cannot be written before any SET value.
    failsOn("SET a = nothere, str.x = :one", item, path);
    failsOn("SET num = str + :one REMOVE lst.x", item, path);
    // An ADD or DELETE that does not fit the value there before everything else.
    failsOn("REMOVE lst.x ADD str :one", item, type);
    failsOn("SET num.x = :one DELETE str :ss", item, type);
    failsOn("SET a = nothere ADD str :one", item, type);
    // A nested ADD under a value that is not a map is a path problem, not a type one.
    failsOn("ADD str.x :one", item, path);
  }

  @Test
  void sizeIsAnAttributeNameWhereNoArgumentsFollow() {
    assertThat(apply("SET size = :one", item("k", n("1")))).isEqualTo(item("k", n("1"), "size", n("1")));
    fails("SET a = :one REMOVE SIZE", "Attribute name is a reserved keyword; reserved keyword: SIZE");
  }

  @Test
  void removeOfANestedPathOfNoItemIsIgnored() {
    assertThat(apply("REMOVE a.b, c[0]", null)).isEmpty();
  }

  @Test
  void namesAndUpdatedPart() {
    Update update = update("SET a.b = :x, #a.c = :y REMOVE d ADD e :one");
    assertThat(update.topLevelNames()).containsExactly("a", "d", "e");
    Map<String, AttributeValue> item = item("a", m("b", n("1"), "z", n("2")), "d", n("3"),
        "q", n("4"));
    assertThat(update.updatedPart(item)).isEqualTo(item("a", m("b", n("1")), "d", n("3")));
  }

  @Test
  void syntaxErrors() {
    fails("ADD hits : incr", "Syntax error; token: \":\", near: \"hits : incr\"");
    fails("SET a = ", "Syntax error; token: \"<EOF>\", near: \"= \"");
    fails("SET a = :one +", "Syntax error; token: \"<EOF>\", near: \"+\"");
    fails("SET a = a + b + c", "Syntax error; token: \"+\", near: \"b + c\"");
    fails("SET a = b = c", "Syntax error; token: \"=\", near: \"b = c\"");
    fails("INVALID SYNTAX HERE", "Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
    fails("REMOVE", "Syntax error; token: \"<EOF>\", near: \"REMOVE\"");
    fails("SET a", "Syntax error; token: \"<EOF>\", near: \"a\"");
    fails("SET a = :one,", "Syntax error; token: \"<EOF>\", near: \",\"");
    fails("ADD a b", "Syntax error; token: \"b\", near: \"a b\"");
    assertValidation(() -> update(""), "Invalid UpdateExpression: The expression can not be empty;");
  }

  @Test
  void semanticErrors() {
    fails("SET a = :one SET b = :one",
        "The \"SET\" section can only be used once in an update expression;");
    fails("SET a = :one REMOVE b SET c = :one",
        "The \"SET\" section can only be used once in an update expression;");
    String overlap = "Two document paths overlap with each other; must remove or rewrite one of "
        + "these paths; ";
    fails("SET a = :one, a = :one", overlap + "path one: [a], path two: [a]");
    fails("SET a = :one REMOVE a.b", overlap + "path one: [a], path two: [a, b]");
    fails("SET a[1] = :one, a[1].b = :one", overlap + "path one: [a, [1]], path two: [a, [1], b]");
    fails("SET #a = :one, a = :one", overlap + "path one: [a], path two: [a]");
    String conflict = "Two document paths conflict with each other; must remove or rewrite one of "
        + "these paths; ";
    fails("SET a.b = :one, a[1] = :one", conflict + "path one: [a, b], path two: [a, [1]]");
    fails("REMOVE a[1], a.b", conflict + "path one: [a, [1]], path two: [a, b]");
    fails("ADD a :s", "Incorrect operand type for operator or function; operator: ADD, operand "
        + "type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
    fails("ADD a :l", "Incorrect operand type for operator or function; operator: ADD, operand "
        + "type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND");
    fails("ADD a :bool", "Incorrect operand type for operator or function; operator: ADD, "
        + "operand type: BOOLEAN, typeSet: ALLOWED_FOR_ADD_OPERAND");
    fails("DELETE a :one", "Incorrect operand type for operator or function; operator: DELETE, "
        + "operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
    fails("SET a = :s + :one", "Incorrect operand type for operator or function; operator or "
        + "function: +, operand type: S");
    fails("SET a = :one - :s", "Incorrect operand type for operator or function; operator or "
        + "function: -, operand type: S");
    fails("SET a = list_append(:one, :l)", "Incorrect operand type for operator or function; "
        + "operator or function: list_append, operand type: N");
    fails("SET a = list_append(a)", "Incorrect number of operands for operator or function; "
        + "operator or function: list_append, number of operands: 1");
    fails("SET a = if_not_exists(:one, :one)", "Operator or function requires a document path; "
        + "operator or function: if_not_exists");
    fails("SET a = attribute_exists(b)",
        "The function is not allowed in an update expression; function: attribute_exists");
    fails("SET a = :one + size(b)",
        "The function is not allowed in an update expression; function: size");
    fails("SET a = foo(b)", "Invalid function name; function: foo");
    fails("SET a = ((a))", "The expression has redundant parentheses;");
    fails("SET status = :one", "Attribute name is a reserved keyword; reserved keyword: status");
    fails("SET a = :undef", "An expression attribute value used in expression is not defined; "
        + "attribute value: :undef");
    fails("SET #u = :one", "An expression attribute name used in the document path is not "
        + "defined; attribute name: #u");
  }

  @Test
  void theReportedProblemFollowsDynamoDbsCheckingOrder() {
    fails("SET status = :undef, b = foo(c)",
        "Attribute name is a reserved keyword; reserved keyword: status");
    fails("SET b = foo(c), status = :undef", "Invalid function name; function: foo");
    fails("SET a = :one SET status = :one",
        "Attribute name is a reserved keyword; reserved keyword: status");
    fails("SET a = :one, a = :one SET b = :one",
        "The \"SET\" section can only be used once in an update expression;");
    fails("SET #u = :one, a = :one, a = :one", "Two document paths overlap with each other; "
        + "must remove or rewrite one of these paths; path one: [a], path two: [a]");
    // Actions are checked from the last to the first.
    fails("SET a = :undef, b = :s + :one", "Incorrect operand type for operator or function; "
        + "operator or function: +, operand type: S");
    fails("SET a = :s + :one, b = :undef", "An expression attribute value used in expression is "
        + "not defined; attribute value: :undef");
    fails("SET a = :undef, b = #u", "An expression attribute name used in the document path is "
        + "not defined; attribute name: #u");
    fails("ADD a :s SET b = list_append(a)", "Incorrect number of operands for operator or "
        + "function; operator or function: list_append, number of operands: 1");
    fails("REMOVE #u SET a = :s + :one", "An expression attribute name used in the document "
        + "path is not defined; attribute name: #u");
  }
}
