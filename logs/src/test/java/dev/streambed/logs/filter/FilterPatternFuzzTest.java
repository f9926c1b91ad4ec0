package dev.streambed.logs.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streambed.fuzz.Fuzz;
import dev.streambed.fuzz.Gen;
import dev.streambed.kernel.error.AwsException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing CloudWatch Logs' filter pattern language: any pattern is read or refused with AWS's
 * InvalidParameterException, and a pattern that was read tells of any message whether it matches,
 * in bounded time (regular expressions included).
 */
class FilterPatternFuzzTest {
  private static final List<String> WORDS = List.of("ERROR", "\"a b\"", "-", "?", "{", "}", "[", "]", "$", ".",
      "$.a", "$.a.b[0]", "=", "!=", "<", ">", "<=", ">=", "&&", "||", "(", ")", "*", "%", "%[a-z]+%", "%(a+)+$%",
      "IS", "NULL", "TRUE", "FALSE", "EXISTS", "NOT", "1", "-2.5e3", "\"x*\"", ",", "w1", "w2", "...", "\\", "'");
  private static final List<String> MESSAGES = List.of("", "ERROR a b", "{\"a\":{\"b\":[1,2]},\"c\":null}",
      "127.0.0.1 - - [10/Oct/2000:13:55:36] \"GET / HTTP/1.0\" 200 2326", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
      "{\"a\":" + "[".repeat(50) + "]".repeat(50) + "}");

  /** The pattern language's words spaced or glued, or any text at all. */
  private static String pattern(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> Gen.words(r, WORDS, 30, " ");
      case 1 -> Gen.words(r, WORDS, 30, "");
      default -> Gen.string(r, 100);
    };
  }

  @Test
  void patternsAreReadOrRefused() {
    Fuzz.check(FilterPatternFuzzTest::pattern, text ->
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
          FilterPattern pattern;
          try {
            pattern = FilterPattern.parse(text);
          } catch (AwsException e) {
            assertThat(e.errorCode().code()).isEqualTo("InvalidParameterException");
            return;
          }
          for (String m : MESSAGES) {
            pattern.test(m);
          }
        }));
  }
}
