package dev.streambed.lambda.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

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

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.oneOf(Arbitraries.of(WORDS).list().ofMaxSize(40).map(l -> String.join("", l)),
        Arbitraries.strings().ofMaxLength(80));
  }

  @Property
  void patternsAreJudgedAndMatch(@ForAll("patterns") String text) {
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      if (FilterPatterns.valid(text)) {
        new FilterMatcher(List.of(text)).matches(RECORD);
      }
    });
  }
}
