package dev.streambed.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streambed.fuzz.Fuzz;
import dev.streambed.fuzz.Gen;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing Lambda's event filter patterns (FilterCriteria): any text is judged valid or not, and a
 * valid one matches any record without an exception, in bounded time.
 */
class FilterCriteriaFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> WORDS = List.of("{", "}", "[", "]", ",", ":", "\"dynamodb\"", "\"eventName\"",
      "\"INSERT\"", "\"prefix\"", "\"suffix\"", "\"anything-but\"", "\"numeric\"", "\"exists\"", "\"equals-ignore-case\"",
      "\"wildcard\"", "\"cidr\"", "\"<\"", "\">=\"", "\"=\"", "0", "-1.5", "1e309", "true", "false", "null", "\"*\"",
      "\"NewImage\"", "\"S\"", "\"a*b*\"");
  private static final JsonNode RECORD;

  static {
    try {
      RECORD = JSON.readTree("{\"eventName\":\"INSERT\",\"dynamodb\":{\"NewImage\":{\"a\":{\"S\":\"ab\"},"
          + "\"n\":{\"N\":\"5\"}},\"Keys\":{\"id\":{\"S\":\"1\"}}},\"eventSource\":\"aws:dynamodb\"}");
    } catch (java.io.IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The pattern language's words glued, or any text at all. */
  private static String pattern(Random r) {
    return r.nextBoolean() ? Gen.words(r, WORDS, 40, "") : Gen.string(r, 80);
  }

  @Test
  void patternsAreJudgedAndMatch() {
    Fuzz.check(FilterCriteriaFuzzTest::pattern, text ->
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
          if (FilterPatterns.valid(text)) {
            new FilterMatcher(List.of(text)).matches(RECORD);
          }
        }));
  }
}
