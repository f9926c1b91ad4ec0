package dev.streambed.dynamodb.expression;

import static dev.streambed.dynamodb.expression.TestValues.assertValidation;
import static dev.streambed.dynamodb.expression.TestValues.item;
import static dev.streambed.dynamodb.expression.TestValues.l;
import static dev.streambed.dynamodb.expression.TestValues.m;
import static dev.streambed.dynamodb.expression.TestValues.n;
import static dev.streambed.dynamodb.expression.TestValues.names;
import static dev.streambed.dynamodb.expression.TestValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.value.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionAndContextTest {
  private static final Map<String, AttributeValue> ITEM = item("pk", s("k"),
      "l", l(n("1"), n("2"), n("3")), "m", m("x", n("1"), "y", m("z", n("2"))), "q", s("q"));

  private static Projection projection(String text) {
    return Expressions.projection(text, new ExpressionContext(names("#x", "x", "#m", "m"), null));
  }

  @Test
  void keepsTheShapeOfWhatItProjects() {
    assertThat(projection("l[2], l[0], m.x, m.nope").apply(ITEM))
        .isEqualTo(item("l", l(n("1"), n("3")), "m", m("x", n("1"))));
    assertThat(projection("pk, #m.y.z, nope").apply(ITEM))
        .isEqualTo(item("pk", s("k"), "m", m("y", m("z", n("2")))));
    assertThat(projection("q.x, l.a, m[0]").apply(ITEM)).isEmpty();
    assertThat(projection("pk").apply(null)).isEmpty();
    assertThat(projection("size").apply(item("size", n("1")))).isEqualTo(item("size", n("1")));
  }

  @Test
  void errors() {
    String prefix = "Invalid ProjectionExpression: ";
    assertValidation(() -> projection("a, a"), prefix + "Two document paths overlap with each "
        + "other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
    assertValidation(() -> projection("a.b, a"), prefix + "Two document paths overlap with each "
        + "other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]");
    assertValidation(() -> projection("a.b, a[1]"), prefix + "Two document paths conflict with "
        + "each other; must remove or rewrite one of these paths; path one: [a, b], path two: "
        + "[a, [1]]");
    assertValidation(() -> projection("#u, status"),
        prefix + "Attribute name is a reserved keyword; reserved keyword: status");
    assertValidation(() -> projection("#u"), prefix + "An expression attribute name used in the "
        + "document path is not defined; attribute name: #u");
    assertValidation(() -> projection(":v"), prefix + "Syntax error; token: \":v\", near: \":v\"");
    assertValidation(() -> projection("a,"), prefix + "Syntax error; token: \"<EOF>\", near: \",\"");
    assertValidation(() -> projection("size(a)"),
        prefix + "Syntax error; token: \"(\", near: \"size(a\"");
    assertValidation(() -> projection(""), prefix + "The expression can not be empty;");
  }

  @Test
  void attributesToGet() {
    assertThat(Expressions.attributesToGet(List.of("q", "pk", "none")).apply(ITEM))
        .isEqualTo(item("q", s("q"), "pk", s("k")));
    assertValidation(() -> Expressions.attributesToGet(List.of("a", "a")),
        "One or more parameter values were invalid: Duplicate value in attribute name: a");
  }

  @Test
  void unusedNamesAndValuesAreRefusedInDynamoDbsOrder() {
    ExpressionContext context = new ExpressionContext(names("#a", "a", "#b", "b"),
        item(":v", n("1"), ":s", s("S"), ":x", s("XX"), ":n", n("5"), ":l", l(),
            ":b", AttributeValue.bool(true)));
    Expressions.condition("#a = :s", "ConditionExpression", context);
    assertValidation(context::checkAllUsed,
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
    Expressions.projection("#b", context);
    assertValidation(context::checkAllUsed, "Value provided in ExpressionAttributeValues unused "
        + "in expressions: keys: {:l, :n, :b, :v, :x}");
  }

  @Test
  void everythingUsedPasses() {
    ExpressionContext context = new ExpressionContext(names("#a", "a"), item(":v", n("1")));
    Expressions.update("SET #a = :v", context);
    context.checkAllUsed();
    new ExpressionContext(null, null).checkAllUsed();
  }

  @Test
  void reservedWordListIsComplete() {
    assertThat(ReservedWords.count()).isEqualTo(573);
    assertThat(ReservedWords.isReserved("zone")).isTrue();
    assertThat(ReservedWords.isReserved("pk")).isFalse();
  }
}
