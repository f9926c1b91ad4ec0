package dev.streambed.dynamodb.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.fuzz.Fuzz;
import dev.streambed.fuzz.Gen;
import dev.streambed.kernel.value.AttributeValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing DynamoDB's expression parsers and evaluator: any text, made of the language's own words
 * or of anything at all, is parsed and evaluated or refused with a ValidationException, in bounded
 * time, never with another exception (a stack overflow included).
 */
class ExpressionFuzzTest {
  private static final List<String> WORDS = List.of("a", "b", "c", "#n", "#m", ":v", ":w", ":l", "(", ")", "[",
      "]", "0", "1", "99999999999", ".", ",", "=", "<>", "<", "<=", ">", ">=", "+", "-", "AND", "OR", "NOT", "and",
      "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE", "size", "attribute_exists", "attribute_not_exists",
      "attribute_type", "begins_with", "contains", "if_not_exists", "list_append", "\"", "'", "$", "!", "\u00e9",
      "\u0000", "((", "))", "a.b[0].c", "#n[1]");
  private static final Map<String, AttributeValue> ITEM = Map.of("a", AttributeValue.n("1"),
      "b", AttributeValue.s("x"), "name", AttributeValue.l(List.of(AttributeValue.n("2"))),
      "c", AttributeValue.m(Map.of("d", AttributeValue.bool(true))));

  private static ExpressionContext context() {
    return new ExpressionContext(Map.of("#n", "name", "#m", "c"), Map.of(":v", AttributeValue.s("x"),
        ":w", AttributeValue.n("1"), ":l", AttributeValue.l(List.of(AttributeValue.n("3")))));
  }

  /** The language's words spaced or glued, or any text at all. */
  private static String expression(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> Gen.words(r, WORDS, 80, " ");
      case 1 -> Gen.words(r, WORDS, 80, "");
      default -> Gen.string(r, 200);
    };
  }

  /** Only AWS's ValidationException may come out, within a bounded time. */
  private static void refusedOrDone(Runnable parse) {
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        parse.run();
      } catch (AwsException e) {
        assertThat(e.errorCode()).isEqualTo(CommonError.VALIDATION);
        assertThat(e.getMessage()).isNotBlank();
      }
    });
  }

  @Test
  void conditions() {
    Fuzz.check(ExpressionFuzzTest::expression,
        text -> refusedOrDone(() -> Expressions.condition(text, "ConditionExpression", context()).test(ITEM)));
  }

  @Test
  void updates() {
    Fuzz.check(ExpressionFuzzTest::expression,
        text -> refusedOrDone(() -> Expressions.update(text, context()).apply(ITEM)));
  }

  @Test
  void projections() {
    Fuzz.check(ExpressionFuzzTest::expression,
        text -> refusedOrDone(() -> Expressions.projection(text, context()).apply(ITEM)));
  }

  @Test
  void keyConditions() {
    Fuzz.check(ExpressionFuzzTest::expression,
        text -> refusedOrDone(() -> Expressions.keyCondition(text, context())));
  }

  private record Nesting(int depth, boolean withOperators) {
  }

  /** Nesting as deep as 4 KB allows neither overflows the stack nor takes long. */
  @Test
  void deepNesting() {
    Fuzz.check(40, r -> new Nesting(Gen.between(r, 1, 5000), Gen.bool(r)), n -> {
      int depth = n.depth();
      String inner = n.withOperators() ? "a = :w AND (" : "(";
      String text = inner.repeat(depth) + "a = :w" + ")".repeat(depth);
      refusedOrDone(() -> Expressions.condition(text, "FilterExpression", context()).test(ITEM));
      refusedOrDone(() -> Expressions.update("SET a = " + "size(".repeat(depth) + "b" + ")".repeat(depth), context()));
      refusedOrDone(() -> Expressions.projection("a" + "[0]".repeat(depth), context()));
    });
  }
}
