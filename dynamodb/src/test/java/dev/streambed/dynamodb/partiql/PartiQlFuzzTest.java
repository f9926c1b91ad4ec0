package dev.streambed.dynamodb.partiql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.fuzz.Fuzz;
import dev.streambed.fuzz.Gen;
import dev.streambed.kernel.value.AttributeValue;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the PartiQL parser and what it hands the write path (a statement's WHERE as a
 * condition, its SET and REMOVE as an update): any text, of PartiQL's own words or of anything at
 * all, parses or is refused with DynamoDB's ValidationException, in bounded time, never with
 * another exception (a stack overflow included).
 */
class PartiQlFuzzTest {
  private static final List<String> WORDS = List.of("SELECT", "INSERT", "INTO", "UPDATE", "DELETE", "FROM",
      "WHERE", "AND", "OR", "NOT", "BETWEEN", "IN", "IS", "MISSING", "NULL", "TRUE", "FALSE", "SET", "REMOVE",
      "RETURNING", "ALL", "OLD", "NEW", "MODIFIED", "ORDER", "BY", "ASC", "DESC", "VALUE", "EXISTS", "*", "?",
      "\"t\"", "\"t\".\"i\"", "t", "pk", "sk", "a.b", "a[0]", "'s'", "1", "-2.5e3", "<<", ">>", "{", "}", "[", "]",
      "(", ")", ",", ":", ".", "=", "<>", "!=", "<", "<=", ">", ">=", "+", "-", "||", "begins_with", "contains",
      "size", "attribute_type", "list_append", "if_not_exists", "\"", "'", "\u00e9", "\u0000");
  private static final List<AttributeValue> PARAMETERS = List.of(AttributeValue.s("k"), AttributeValue.n("1"));

  private static final List<String> HEADS = List.of("SELECT * FROM \"t\" WHERE ", "UPDATE \"t\" SET ",
      "DELETE FROM \"t\" WHERE ", "INSERT INTO \"t\" VALUE ", "EXISTS(SELECT * FROM \"t\" WHERE ");

  /** Words spaced or glued, a statement's head and words, or any text at all. */
  private static String statement(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Gen.words(r, WORDS, 60, " ");
      case 1 -> Gen.words(r, WORDS, 60, "");
      case 2 -> Gen.pick(r, HEADS) + Gen.words(r, WORDS, 60, " ");
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

  private static void parseAndTranslate(String text, List<AttributeValue> parameters) {
    Ast.Statement s = Parser.parse(text, parameters);
    if (s instanceof Ast.Update u) {
      Translation.update(u.actions());
      if (u.where() != null) {
        Translation.condition(u.where());
      }
    }
  }

  @Test
  void statementsParseOrAreRefused() {
    Fuzz.check(PartiQlFuzzTest::statement, text -> {
      refusedOrDone(() -> parseAndTranslate(text, PARAMETERS));
      refusedOrDone(() -> parseAndTranslate(text, List.of()));
    });
  }

  /** Brackets, documents and lists nested deeply neither overflow the stack nor take long. */
  @Test
  void deepNesting() {
    Fuzz.check(40, r -> Gen.between(r, 1, 5000), depth -> {
      refusedOrDone(() -> parseAndTranslate("SELECT * FROM \"t\" WHERE " + "(".repeat(depth) + "pk = 'k'"
          + ")".repeat(depth), List.of()));
      refusedOrDone(() -> parseAndTranslate("INSERT INTO \"t\" VALUE " + "{'a':".repeat(depth) + "1"
          + "}".repeat(depth), List.of()));
      refusedOrDone(() -> parseAndTranslate("UPDATE \"t\" SET a = " + "[".repeat(depth) + "1" + "]".repeat(depth)
          + " WHERE pk = 'k'", List.of()));
    });
  }
}
