package dev.streambed.dynamodb.expression;

import static dev.streambed.dynamodb.expression.TestValues.assertValidation;
import static dev.streambed.dynamodb.expression.TestValues.item;
import static dev.streambed.dynamodb.expression.TestValues.l;
import static dev.streambed.dynamodb.expression.TestValues.list;
import static dev.streambed.dynamodb.expression.TestValues.n;
import static dev.streambed.dynamodb.expression.TestValues.s;
import static dev.streambed.dynamodb.expression.TestValues.ss;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.value.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyTest {
  private static final Map<String, AttributeValue> ITEM =
      item("pk", s("k"), "n", n("3"), "s", s("abc"), "tags", ss("a", "b"));

  private static ExpectedAttribute op(String name, String op, AttributeValue... values) {
    return new ExpectedAttribute(name, null, null, op, list(values));
  }

  private static boolean expected(String conditionalOperator, ExpectedAttribute... entries) {
    return Expressions.expected(List.of(entries), conditionalOperator).test(ITEM);
  }

  @Test
  void expectedEvaluates() {
    assertThat(expected(null, new ExpectedAttribute("n", true, n("3"), null, null))).isTrue();
    assertThat(expected(null, new ExpectedAttribute("n", null, n("4"), null, null))).isFalse();
    assertThat(expected(null, new ExpectedAttribute("x", false, null, null, null))).isTrue();
    assertThat(expected(null, new ExpectedAttribute("n", false, null, null, null))).isFalse();
    assertThat(expected(null, op("n", "GT", n("2")), op("s", "BEGINS_WITH", s("ab")))).isTrue();
    assertThat(expected("OR", op("n", "LT", n("2")), op("s", "BEGINS_WITH", s("ab")))).isTrue();
    assertThat(expected("AND", op("n", "LT", n("2")), op("s", "BEGINS_WITH", s("ab")))).isFalse();
    assertThat(expected(null, op("n", "BETWEEN", n("1"), n("3")))).isTrue();
    assertThat(expected(null, op("n", "IN", n("1"), n("3")))).isTrue();
    assertThat(expected(null, op("tags", "CONTAINS", s("a")))).isTrue();
    assertThat(expected(null, op("tags", "NOT_CONTAINS", s("a")))).isFalse();
    assertThat(expected(null, op("x", "NULL"), op("n", "NOT_NULL"))).isTrue();
    assertThat(expected(null, op("x", "NE", n("1")))).isTrue();
    assertThat(expected(null, op("tags", "EQ", ss("b", "a")))).isTrue();
    assertThat(Expressions.filter(List.of(ExpectedAttribute.filter("n", "GE", list(n("3")))), null)
        .test(ITEM)).isTrue();
  }

  @Test
  void expectedErrors() {
    String invalid = "One or more parameter values were invalid: ";
    assertValidation(() -> Expressions.expected(List.of(
        new ExpectedAttribute("a", null, n("1"), "EQ", list(n("1")))), null),
        invalid + "Value and AttributeValueList cannot be used together for Attribute: a");
    assertValidation(() -> Expressions.expected(List.of(
        new ExpectedAttribute("a", true, null, "EQ", list(n("1")))), null),
        invalid + "Exists and ComparisonOperator cannot be used together for Attribute: a");
    assertValidation(() -> Expressions.expected(List.of(
        new ExpectedAttribute("a", null, null, "EQ", null)), null),
        invalid + "Value or AttributeValueList must be used with ComparisonOperator: EQ for "
            + "Attribute: a");
    assertValidation(() -> Expressions.expected(List.of(op("a", "BETWEEN", n("1"))), null),
        invalid + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
    assertValidation(() -> Expressions.expected(List.of(op("a", "NULL", n("1"))), null),
        invalid + "Invalid number of argument(s) for the NULL ComparisonOperator");
    assertValidation(() -> Expressions.expected(List.of(op("a", "IN", n("1"), s("x"))), null),
        invalid + "AttributeValues inside AttributeValueList must be of same type");
    assertValidation(() -> Expressions.expected(List.of(op("a", "GT", ss("x"))), null),
        invalid + "ComparisonOperator GT is not valid for SS AttributeValue type");
    assertValidation(() -> Expressions.expected(List.of(op("a", "BETWEEN", n("5"), n("1"))), null),
        "The BETWEEN condition was provided a range where the lower bound is greater than the "
            + "upper bound");
    assertValidation(() -> Expressions.expected(List.of(
        new ExpectedAttribute("a", null, null, null, list(n("1")))), null),
        invalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
    assertValidation(() -> Expressions.expected(List.of(
        new ExpectedAttribute("a", true, null, null, null)), null),
        invalid + "Value must be provided when Exists is true for Attribute: a");
    assertValidation(() -> Expressions.expected(List.of(
        new ExpectedAttribute("a", null, null, null, null)), null),
        invalid + "Value must be provided when Exists is null for Attribute: a");
    assertValidation(() -> Expressions.expected(List.of(
        new ExpectedAttribute("a", false, n("1"), null, null)), null),
        invalid + "Value cannot be used when Exists is false for Attribute: a");
  }

  @Test
  void attributeUpdates() {
    Update update = Expressions.attributeUpdates(List.of(
        new AttributeUpdate("n", "ADD", n("2")),
        new AttributeUpdate("s", "DELETE", null),
        new AttributeUpdate("tags", "DELETE", ss("a")),
        new AttributeUpdate("new", null, s("v")),
        new AttributeUpdate("list", "ADD", l(n("1")))));
    assertThat(update.apply(ITEM)).isEqualTo(item("pk", s("k"), "n", n("5"), "tags", ss("b"),
        "new", s("v"), "list", l(n("1"))));
    assertThat(update.topLevelNames()).containsExactly("n", "s", "tags", "new", "list");
    assertValidation(() -> Expressions.attributeUpdates(List.of(new AttributeUpdate("s", "ADD",
        n("1")))).apply(ITEM), "Type mismatch for attribute to update");
    String invalid = "One or more parameter values were invalid: ";
    assertValidation(() -> Expressions.attributeUpdates(List.of(new AttributeUpdate("a", "PUT",
        null))), invalid + "Only DELETE action is allowed when no attribute value is specified");
    assertValidation(() -> Expressions.attributeUpdates(List.of(new AttributeUpdate("a",
        "DELETE", n("1")))), invalid + "DELETE action with value is not supported for the type NUMBER");
    assertValidation(() -> Expressions.attributeUpdates(List.of(new AttributeUpdate("a", "ADD",
        s("x")))), invalid + "ADD action is not supported for the type STRING");
  }
}
