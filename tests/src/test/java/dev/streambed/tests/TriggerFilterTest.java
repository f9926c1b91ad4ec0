package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.Filter;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

/**
 * FilterCriteria: every part of the pattern language a trigger filters with, on the records as
 * the function receives them (the cases of AWS's recorded test_dynamodb_event_filter among
 * them), several filters ORed, records filtered out consumed, and AWS's refusal of patterns
 * outside the language.
 */
class TriggerFilterTest {
  private static Streambed streambed;
  private static Triggers t;
  private static String stream;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    t = new Triggers(streambed);
    stream = t.table("filtered", StreamViewType.NEW_AND_OLD_IMAGES);
  }

  @AfterAll
  static void stop() {
    t.close();
    streambed.close();
  }

  /** Writes the five records every pattern is matched against. */
  private static void writeRecords() {
    t.put("filtered", Triggers.item("a", "color", "red", "region", "us-east-1", "file", "photo.PNG", "n", 42));
    t.put("filtered", Triggers.item("a", "color", "Blue", "region", "us-west-2", "file", "photo.PNG", "n", 42));
    t.put("filtered", Triggers.item("b", "region", "eu-west-1", "file", "notes.txt", "n", 101,
        "presentKey", "presentValue"));
    t.delete("filtered", "b");
    t.put("filtered", Triggers.item("c", "prefix", "us-1-other-suffix", "tag", "beta"));
  }

  private static final List<String> ALL = List.of("INSERT a", "MODIFY a", "INSERT b", "REMOVE b", "INSERT c");

  @Test
  void eachPartOfThePatternLanguageSelectsItsRecords() throws Exception {
    Map<String, List<String>> patterns = new LinkedHashMap<>();
    Map<String, List<String>> expected = new LinkedHashMap<>();
    // The recorded cases.
    patterns.put("exact", List.of("{\"eventName\": [\"INSERT\"]}"));
    expected.put("exact", List.of("INSERT a", "INSERT b", "INSERT c"));
    patterns.put("or-values", List.of("{\"eventName\": [\"INSERT\", \"MODIFY\"]}"));
    expected.put("or-values", List.of("INSERT a", "MODIFY a", "INSERT b", "INSERT c"));
    patterns.put("and-members", List.of("{\"eventName\": [\"INSERT\"], \"eventSource\": [\"aws:dynamodb\"]}"));
    expected.put("and-members", List.of("INSERT a", "INSERT b", "INSERT c"));
    patterns.put("typed-content", List.of("{\"dynamodb\": {\"NewImage\": {\"presentKey\": {\"S\": [\"presentValue\"]}}}}"));
    expected.put("typed-content", List.of("INSERT b"));
    patterns.put("untyped-content", List.of("{\"dynamodb\": {\"NewImage\": {\"presentKey\": [\"presentValue\"]}}}"));
    expected.put("untyped-content", List.of());
    patterns.put("exists", List.of("{\"dynamodb\": {\"NewImage\": {\"presentKey\": {\"S\": [{\"exists\": true}]}}}}"));
    expected.put("exists", List.of("INSERT b"));
    // exists looks at leaves: an object value does not exist for it, as AWS's recorded answer shows.
    patterns.put("exists-false-object", List.of("{\"dynamodb\": {\"NewImage\": {\"presentKey\": [{\"exists\": false}]}}}"));
    expected.put("exists-false-object", ALL);
    patterns.put("exists-false", List.of("{\"dynamodb\": {\"NewImage\": {\"presentKey\": {\"S\": [{\"exists\": false}]}}}}"));
    expected.put("exists-false", List.of("INSERT a", "MODIFY a", "REMOVE b", "INSERT c"));
    // A DynamoDB number is a string in the event: numeric does not match it, anything-but does.
    patterns.put("numeric-on-dynamodb-number", List.of("{\"dynamodb\": {\"NewImage\": {\"n\": {\"N\": "
        + "[{\"numeric\": [\">\", 100]}, {\"anything-but\": \"101\"}]}}}}"));
    expected.put("numeric-on-dynamodb-number", List.of("INSERT a", "MODIFY a"));
    patterns.put("prefix", List.of("{\"dynamodb\": {\"NewImage\": {\"prefix\": {\"S\": [{\"prefix\": \"us-1\"}]}}}}"));
    expected.put("prefix", List.of("INSERT c"));
    patterns.put("numeric-time", List.of("{\"dynamodb\": {\"ApproximateCreationDateTime\": [{\"numeric\": [\">\", 0]}]}}"));
    expected.put("numeric-time", ALL);
    // The rest of the language.
    patterns.put("suffix", List.of("{\"dynamodb\": {\"NewImage\": {\"file\": {\"S\": [{\"suffix\": \".txt\"}]}}}}"));
    expected.put("suffix", List.of("INSERT b"));
    patterns.put("suffix-ignoring-case", List.of("{\"dynamodb\": {\"NewImage\": {\"file\": {\"S\": "
        + "[{\"suffix\": {\"equals-ignore-case\": \".png\"}}]}}}}"));
    expected.put("suffix-ignoring-case", List.of("INSERT a", "MODIFY a"));
    patterns.put("equals-ignore-case", List.of("{\"dynamodb\": {\"NewImage\": {\"color\": {\"S\": "
        + "[{\"equals-ignore-case\": \"BLUE\"}]}}}}"));
    expected.put("equals-ignore-case", List.of("MODIFY a"));
    patterns.put("wildcard", List.of("{\"dynamodb\": {\"NewImage\": {\"region\": {\"S\": [{\"wildcard\": \"us-*-2\"}]}}}}"));
    expected.put("wildcard", List.of("MODIFY a"));
    patterns.put("anything-but-list", List.of("{\"eventName\": [{\"anything-but\": [\"INSERT\", \"MODIFY\"]}]}"));
    expected.put("anything-but-list", List.of("REMOVE b"));
    patterns.put("anything-but-prefix", List.of("{\"dynamodb\": {\"NewImage\": {\"region\": {\"S\": "
        + "[{\"anything-but\": {\"prefix\": \"us-\"}}]}}}}"));
    expected.put("anything-but-prefix", List.of("INSERT b"));
    patterns.put("anything-but-suffix", List.of("{\"dynamodb\": {\"NewImage\": {\"file\": {\"S\": "
        + "[{\"anything-but\": {\"suffix\": \".PNG\"}}]}}}}"));
    expected.put("anything-but-suffix", List.of("INSERT b"));
    patterns.put("anything-but-wildcard", List.of("{\"dynamodb\": {\"NewImage\": {\"region\": {\"S\": "
        + "[{\"anything-but\": {\"wildcard\": \"*-1\"}}]}}}}"));
    expected.put("anything-but-wildcard", List.of("MODIFY a"));
    patterns.put("anything-but-ignoring-case", List.of("{\"dynamodb\": {\"NewImage\": {\"color\": {\"S\": "
        + "[{\"anything-but\": {\"equals-ignore-case\": [\"RED\"]}}]}}}}"));
    expected.put("anything-but-ignoring-case", List.of("MODIFY a"));
    // SizeBytes is a JSON number: c's record is 36 bytes (id 3, prefix 23, tag 7 and its key 3).
    patterns.put("numeric-range", List.of("{\"dynamodb\": {\"SizeBytes\": [{\"numeric\": [\">\", 35, \"<=\", 36]}]}}"));
    expected.put("numeric-range", List.of("INSERT c"));
    patterns.put("numeric-equal", List.of("{\"dynamodb\": {\"SizeBytes\": [{\"numeric\": [\"=\", 36]}]}}"));
    expected.put("numeric-equal", List.of("INSERT c"));
    patterns.put("or-members", List.of("{\"$or\": [{\"eventName\": [\"REMOVE\"]}, "
        + "{\"dynamodb\": {\"NewImage\": {\"tag\": {\"S\": [\"beta\"]}}}}]}"));
    expected.put("or-members", List.of("REMOVE b", "INSERT c"));
    patterns.put("or-filters", List.of("{\"eventName\": [\"REMOVE\"]}",
        "{\"dynamodb\": {\"NewImage\": {\"color\": {\"S\": [\"red\"]}}}}"));
    expected.put("or-filters", List.of("INSERT a", "REMOVE b"));

    patterns.forEach((name, filters) -> {
      t.function("filter-" + name);
      t.lambda.createEventSourceMapping(b -> b.functionName("filter-" + name).eventSourceArn(stream)
          .batchSize(100).startingPosition(EventSourcePosition.TRIM_HORIZON)
          .filterCriteria(f -> f.filters(filters.stream().map(p -> Filter.builder().pattern(p).build()).toList())));
    });
    writeRecords();
    t.awaitQuiet();
    for (String name : patterns.keySet()) {
      List<String> got = Triggers.records(t.events("filter-" + name)).stream()
          .map(r -> r.get("eventName").asText() + " " + r.at("/dynamodb/Keys/id/S").asText()).toList();
      assertThat(got).as(name).containsExactlyElementsOf(expected.get(name));
    }

    // Filtered-out records are consumed: a new matching record comes alone.
    int before = t.events("filter-exact").size();
    t.put("filtered", Triggers.item("d"));
    List<JsonNode> events = t.awaitEvents("filter-exact", before + 1);
    assertThat(Triggers.ids(events.subList(before, events.size()))).containsExactly("d");
  }

  @Test
  void aPatternOutsideTheLanguageIsRefused() {
    t.function("refused-patterns");
    List<String> invalid = List.of(
        // AWS's recorded refusals (test_dynamodb_invalid_event_filter).
        "single-string", "[{\"eventName\": [\"INSERT\"=123}]",
        "{\"eventName\": \"INSERT\"}", "{\"eventName\": []}", "{\"eventName\": [{\"unknown\": 1}]}",
        "{\"n\": [{\"numeric\": [\">\", \"a\"]}]}", "{\"n\": [{\"numeric\": [\"<\", 1, \">\", 0]}]}",
        "{\"a\": [{\"exists\": \"yes\"}]}", "{\"a\": [1]} {\"b\": [2]}");
    for (String pattern : invalid) {
      assertThatThrownBy(() -> t.lambda.createEventSourceMapping(b -> b.functionName("refused-patterns")
          .eventSourceArn(stream).startingPosition(EventSourcePosition.LATEST)
          .filterCriteria(f -> f.filters(x -> x.pattern(pattern)))))
          .as(pattern).isInstanceOf(InvalidParameterValueException.class)
          .hasMessageStartingWith("Invalid filter pattern definition.");
    }
    String uuid = t.lambda.createEventSourceMapping(b -> b.functionName("refused-patterns").eventSourceArn(stream)
        .startingPosition(EventSourcePosition.LATEST)).uuid();
    assertThatThrownBy(() -> t.lambda.updateEventSourceMapping(b -> b.uuid(uuid)
        .filterCriteria(f -> f.filters(x -> x.pattern("single-string")))))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageStartingWith("Invalid filter pattern definition.");
  }
}
