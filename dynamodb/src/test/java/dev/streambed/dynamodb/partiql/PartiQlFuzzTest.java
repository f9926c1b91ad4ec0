package dev.streambed.dynamodb.partiql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.kernel.error.AwsException;
import dev.streambed.kernel.error.CommonError;
import dev.streambed.kernel.value.AttributeValue;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assertions;

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

  @Provide
  Arbitrary<String> statements() {
    Arbitrary<String> worded = Arbitraries.of(WORDS).list().ofMaxSize(60).map(l -> String.join(" ", l));
    Arbitrary<String> glued = Arbitraries.of(WORDS).list().ofMaxSize(60).map(l -> String.join("", l));
    Arbitrary<String> shaped = Arbitraries.of("SELECT * FROM \"t\" WHERE ", "UPDATE \"t\" SET ",
        "DELETE FROM \"t\" WHERE ", "INSERT INTO \"t\" VALUE ", "EXISTS(SELECT * FROM \"t\" WHERE ")
        .flatMap(head -> worded.map(tail -> head + tail));
    return Arbitraries.oneOf(worded, glued, shaped, Arbitraries.strings().ofMaxLength(200));
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

  @Property
  void statementsParseOrAreRefused(@ForAll("statements") String text) {
    refusedOrDone(() -> parseAndTranslate(text, PARAMETERS));
    refusedOrDone(() -> parseAndTranslate(text, List.of()));
  }

  /** Brackets, documents and lists nested deeply neither overflow the stack nor take long. */
  @Property(tries = 40)
  void deepNesting(@ForAll @IntRange(min = 1, max = 5000) int depth) {
    refusedOrDone(() -> parseAndTranslate("SELECT * FROM \"t\" WHERE " + "(".repeat(depth) + "pk = 'k'"
        + ")".repeat(depth), List.of()));
    refusedOrDone(() -> parseAndTranslate("INSERT INTO \"t\" VALUE " + "{'a':".repeat(depth) + "1"
        + "}".repeat(depth), List.of()));
    refusedOrDone(() -> parseAndTranslate("UPDATE \"t\" SET a = " + "[".repeat(depth) + "1" + "]".repeat(depth)
        + " WHERE pk = 'k'", List.of()));
  }
}
