package dev.streambed.dynamodb.expression;

import static dev.streambed.dynamodb.expression.TestValues.assertValidation;
import static dev.streambed.dynamodb.expression.TestValues.b;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionExpressionTest {
  private static final Map<String, AttributeValue> VALUES = item(
      ":one", n("1"), ":five", n("5"), ":s", s("S"), ":abc", s("abc"), ":ab", s("ab"),
      ":l", l(), ":bool", AttributeValue.bool(true), ":x", s("XX"), ":typeN", s("N"),
      ":typeS", s("S"), ":z", s("z"), ":b01", b(0, 1), ":b00", b(0));

  private static final Map<String, AttributeValue> ITEM = item(
      "pk", s("k"), "num", n("3"), "str", s("abcdef"), "bin", b(0, 1, 2),
      "tags", ss("red", "blue"), "nums", ns("1", "2"), "lst", l(n("1"), s("abc")),
      "mp", m("qq", m("deep", n("5")), "arr", l(n("1"), n("5"))),
      "nul", AttributeValue.nul(), "flag", AttributeValue.bool(true), "uni", s("é€"));

  private static boolean test(String expression) {
    ExpressionContext context = new ExpressionContext(
        names("#n", "num", "#dot", "a.b"), new LinkedHashMap<>(VALUES));
    return Expressions.condition(expression, "ConditionExpression", context).test(ITEM);
  }

  private static void fails(String expression, String message) {
    fails(expression, names("#n", "num"), message);
  }

  private static void fails(String expression, Map<String, String> names, String message) {
    assertValidation(() -> Expressions.condition(expression, "ConditionExpression",
        new ExpressionContext(names, VALUES)), "Invalid ConditionExpression: " + message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "num < :five|true", "num <= :five|true", "num > :five|false", "num >= :one|true",
      "num = :five|false", "num <> :five|true", "#n = :five|false",
      "str > :abc|true", "str < :abc|false", "str BETWEEN :ab AND :z|true",
      "num BETWEEN :one AND :five|true", "num between :five and :five|false",
      "num IN (:one, :five)|false", "str IN (:one, :abc, :s)|false",
      "nope = :one|false", "nope <> :one|true", "nope < :one|false",
      "str = :one|false", "str <> :one|true", "str < :five|false",
      "attribute_exists(num)|true", "attribute_exists(nope)|false",
      "attribute_not_exists(nope)|true", "attribute_exists(mp.qq.deep)|true",
      "attribute_exists(mp.arr[1])|true", "attribute_exists(mp.arr[2])|false",
      "attribute_exists(mp.qq[0])|false", "attribute_exists(str.x)|false",
      "attribute_type(num, :typeN)|true", "attribute_type(num, :typeS)|false",
      "begins_with(str, :abc)|true", "begins_with(str, :s)|false",
      "begins_with(bin, :b01)|true", "begins_with(num, :abc)|false",
      "contains(str, :ab)|true", "contains(tags, :abc)|false", "contains(lst, :abc)|true",
      "contains(lst, :one)|true", "contains(nums, :one)|true", "contains(bin, :b00)|true",
      "size(str) = :five|false", "size(tags) > :one|true", "size(lst) < :five|true",
      "size(mp) = size(lst)|true", "size(num) > :one|false", "size(nope) <> :one|true",
      "size(uni) < :five|true",
      "mp.arr[1] = :five|true", "mp.qq.deep = :five|true",
      "num = :one OR num > :one|true", "num = :one AND num > :one|false",
      "NOT num = :one|true", "NOT (num = :one OR str = :abc)|true",
      "num = :one OR num > :one AND str = :one|false",
      "(num = :one OR num > :one) AND str = :one|false",
      "NOT num = :one AND str = :one|false", "not not num = :one|false",
      "(num) = (:five)|false", "(size(str)) > :one|true",
      "attribute_exists(#dot)|false",
  })
  void evaluates(String expression, boolean expected) {
    assertThat(test(expression)).as(expression).isEqualTo(expected);
  }

  @Test
  void nullItemHasNoAttributes() {
    ExpressionContext context = new ExpressionContext(null, null);
    assertThat(Expressions.condition("attribute_not_exists(pk)", "ConditionExpression", context)
        .test(null)).isTrue();
  }

  @Test
  void stringsCompareByCodePoints() {
    // U+FFFF sorts before U+10000 in UTF-8 (and code points), after it in UTF-16 units.
    ExpressionContext context = new ExpressionContext(null, item(":v", s("\uD800\uDC00")));
    assertThat(Expressions.condition("a < :v", "FilterExpression", context)
        .test(item("a", s("\uFFFF")))).isTrue();
  }

  @Test
  void emptyAndBlank() {
    fails("", "The expression can not be empty;");
    fails("   ", "Syntax error; token: \"<EOF>\", near: \"   \"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "a|<EOF>|a", "  a  |<EOF>|a  ", "a AND b = :one|AND|a AND b", "a   b  c|b|a   b  c",
      "  = :one|=|  = :one", "num = :one b|b|:one b", "!!|!|!!", "a !|!|a !", "a = 5|5|= 5",
      "`a = 'x'`|'|`= 'x`", "a.1 = :one|1|.1 =", "a[1.5] = :one|.|1.5", "a[-1] = :one|-|[-1",
      "a[0100] = :one|100|0100]", "1a = :one|1|1a", "é = :one|é|é =", "a = :one and|<EOF>|and",
      "a = :one AND   |<EOF>|AND   ", "(a = :one|<EOF>|:one", "a = :one)|)|:one)",
      "a-b = :one|-|a-b", "a = #|#|= #", "a = :|:|= :", "f()|)|()", "a != :one|!|a !=",
      "NOT a|<EOF>|a", "a IN :one|:one|IN :one", "a BETWEEN :one|<EOF>|:one",
      "attribute_exists(a) AND NOT #n|<EOF>|#n",
  })
  void syntaxErrors(String expression, String token, String near) {
    fails(expression, "Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
  }

  @Test
  void orderingComparisonsTakeOnlyNumbersStringsAndBinaries() {
    String prefix = "Incorrect operand type for operator or function; operator or function: ";
    fails("tags < :l", prefix + "<, operand type: L");
    fails("num <= :bool", prefix + "<=, operand type: BOOL");
    fails(":l > num", prefix + ">, operand type: L");
    fails("size(a) >= :bool", prefix + ">=, operand type: BOOL");
    assertThat(test("num < :five AND str >= :ab AND bin > :b00")).isTrue();
    assertThat(test("tags = :l OR tags <> :l")).isTrue();
  }

  @Test
  void sizeIsAnAttributeNameWhereNoArgumentsFollow() {
    assertThat(test("size = :one")).isFalse();
    assertThat(test("attribute_not_exists(size) AND size(str) = :five")).isFalse();
  }

  @Test
  void attributeTypeNeedsTwoDistinctOperands() {
    fails("attribute_type(str, str)", "The first operand must be distinct from the remaining "
        + "operands for this operator or function; operator: attribute_type, first operand: [str]");
  }

  @Test
  void semanticErrors() {
    fails("((a = :one))", "The expression has redundant parentheses;");
    fails("((a)) = :one", "The expression has redundant parentheses;");
    fails("a = ((:one))", "The expression has redundant parentheses;");
    fails("foo(a) AND ((b = :one))", "The expression has redundant parentheses;");
    fails("status = :one", "Attribute name is a reserved keyword; reserved keyword: status");
    fails("a.Date = :one", "Attribute name is a reserved keyword; reserved keyword: Date");
    fails("a = :undef", "An expression attribute value used in expression is not defined; "
        + "attribute value: :undef");
    fails("#u = :one", "An expression attribute name used in the document path is not defined; "
        + "attribute name: #u");
    fails("foo(a)", "Invalid function name; function: foo");
    fails("ATTRIBUTE_EXISTS(a)", "Invalid function name; function: ATTRIBUTE_EXISTS");
    fails("size(a)",
        "The function is not allowed to be used this way in an expression; function: size");
    fails("attribute_exists(a) = :one", "The function is not allowed to be used this way in an "
        + "expression; function: attribute_exists");
    fails("contains(a, :one) = :one",
        "The function is not allowed to be used this way in an expression; function: contains");
    fails("if_not_exists(a, :one) = :one",
        "The function is not allowed in a condition expression; function: if_not_exists");
    fails("attribute_exists(:one)", "Operator or function requires a document path; "
        + "operator or function: attribute_exists");
    fails("attribute_exists(size(a))", "Operator or function requires a document path; "
        + "operator or function: attribute_exists");
    fails("attribute_exists(a, b)", "Incorrect number of operands for operator or function; "
        + "operator or function: attribute_exists, number of operands: 2");
    fails("contains(a)", "Incorrect number of operands for operator or function; "
        + "operator or function: contains, number of operands: 1");
    fails("begins_with(a, :one)", "Incorrect operand type for operator or function; "
        + "operator or function: begins_with, operand type: N");
    fails("begins_with(:l, :one)", "Incorrect operand type for operator or function; "
        + "operator or function: begins_with, operand type: L");
    fails("attribute_type(a, :one)", "Incorrect operand type for operator or function; "
        + "operator or function: attribute_type, operand type: N");
    fails("attribute_type(a, :x)", "Invalid attribute type name found; type: XX, "
        + "valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    fails("size(:one) > :five", "Incorrect operand type for operator or function; "
        + "operator or function: size, operand type: N");
    fails("size(:bool) > :five", "Incorrect operand type for operator or function; "
        + "operator or function: size, operand type: BOOL");
    fails("size(size(a)) > :one", "Incorrect operand type for operator or function; "
        + "operator or function: size, operand type: N");
    String distinct = "The first operand must be distinct from the remaining operands for this "
        + "operator or function; ";
    fails("a = a", distinct + "operator: =, first operand: [a]");
    fails("a.b = a.b", distinct + "operator: =, first operand: [a, b]");
    fails("contains(a, a)", distinct + "operator: contains, first operand: [a]");
    fails("begins_with(a, a)", distinct + "operator: begins_with, first operand: [a]");
    fails("a BETWEEN a AND :one", distinct + "operator: BETWEEN, first operand: [a]");
    fails("a IN (a, :one)", distinct + "operator: IN, first operand: [a]");
    fails("a BETWEEN :five AND :one", "The BETWEEN operator requires upper bound to be greater "
        + "than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound "
        + "operand: AttributeValue: {N:1}");
    fails("a BETWEEN :five AND :s", "The BETWEEN operator requires same data type for lower and "
        + "upper bounds; lower bound operand: AttributeValue: {N:5}, upper bound operand: "
        + "AttributeValue: {S:S}");
    fails("a[2147483648] = :one",
        "List index is not within the allowable range; index: [2147483648]");
  }

  @Test
  void theReportedProblemFollowsDynamoDbsCheckingOrder() {
    String reserved = "Attribute name is a reserved keyword; reserved keyword: status";
    fails("a = a AND status = :one", reserved);
    fails("b = :undef AND status = :one", reserved);
    fails("a = :one AND attribute_exists(status) AND foo(b)", reserved);
    fails("status = :one AND size(a)", reserved);
    fails("foo(status)", "Invalid function name; function: foo");
    fails("size(b) AND foo(a)",
        "The function is not allowed to be used this way in an expression; function: size");
    fails("a = a AND b = :undef", "The first operand must be distinct from the remaining "
        + "operands for this operator or function; operator: =, first operand: [a]");
    fails("b = :undef AND a = a", "An expression attribute value used in expression is not "
        + "defined; attribute value: :undef");
    fails("b = :undef AND #u = :one", "An expression attribute value used in expression is not "
        + "defined; attribute value: :undef");
    fails("#u = :one AND b = :undef", "An expression attribute name used in the document path "
        + "is not defined; attribute name: #u");
    fails("contains(a) AND attribute_exists(:one)", "Incorrect number of operands for operator "
        + "or function; operator or function: contains, number of operands: 1");
    fails("attribute_exists(:one) AND contains(a)", "Operator or function requires a document "
        + "path; operator or function: attribute_exists");
    fails("a[99999999999] = :undef",
        "List index is not within the allowable range; index: [99999999999]");
  }

  @Test
  void inAcceptsAHundredOperands() {
    StringBuilder sb = new StringBuilder("a IN (:one");
    for (int i = 1; i < 100; i++) {
      sb.append(", :one");
    }
    String hundred = sb + ")";
    ExpressionContext context = new ExpressionContext(null, item(":one", n("1")));
    assertThat(Expressions.condition(hundred, "FilterExpression", context)
        .test(item("a", n("1")))).isTrue();
    fails(sb + ", :one)", "The IN operator is provided with too many operands; "
        + "number of operands: 101");
  }

  @Test
  void parameterNameIsUsedInMessages() {
    assertValidation(() -> Expressions.condition("a =", "FilterExpression",
        new ExpressionContext(null, null)),
        "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
  }
}
