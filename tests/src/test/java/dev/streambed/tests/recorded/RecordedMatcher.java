package dev.streambed.tests.recorded;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares one of our answers with AWS's recorded answer to the same call: the same members, the same
 * types, equal numbers and booleans, and strings equal once the recording's placeholders are filled.
 * A placeholder ({@code <role-name:1>}, {@code <path>}) stands for one value throughout a recorded
 * test, so a role name in an ARN must be the RoleName answered beside it; {@code <datetime>} stands
 * for any ISO 8601 time, {@code <region>} for a region, {@code <partition>} for {@code aws}, the
 * account {@code 111111111111} for our account. Some placeholders without a number stand for
 * values that differ within one test (durations, sizes, request ids: {@link #FREE}) and match
 * anything each time. A placeholder may stand for a number ({@code "CodeSize": "<code-size>"}) and for
 * a member's name ({@code "Responses": {"<test-table>": []}}). Rewritings of the recorder are undone
 * too: a value replaced by its key's name in kebab case ({@code tooOldLogEventEndIndex} recorded as
 * {@code "too-old-log-event-end-index"}) stands for any value, {@code "timestamp"} for epoch
 * milliseconds, {@code "date"} and {@code "datetime"} for any date and time, and
 * {@code <timestamp:2022-07-13T13:48:01Z>} for any time written in the example's form.
 */
final class RecordedMatcher {
  private static final Pattern PLACEHOLDER = Pattern.compile("<<[A-Za-z0-9_.-]+>:\\d+>|<[A-Za-z0-9_.-]+(?::\\d+)?>");
  /** In a longer text, the recorder's "date" stands for a time such as 2025-11-24T23:11:20.123Z. */
  private static final Pattern TOKEN = Pattern.compile("<<[A-Za-z0-9_.-]+>:\\d+>|<[A-Za-z0-9_.-]+(?::\\d+)?>"
      + "|<timestamp:[0-9TZ:.+-]+>|(?<![A-Za-z])date(?![A-Za-z])");
  /**
   * The recorder's {@code <timestamp:2022-07-13T13:48:01.000Z>}: any time written in the example's
   * form (its digits any digits), however many differ in one test.
   */
  private static final String TIMESTAMP = "<timestamp:";
  private static final String ACCOUNT = "111111111111";
  private static final Map<String, String> SPECIAL = Map.of(
      "<partition>", "aws",
      "<region>", "[a-z]{2}(?:-[a-z]+)+-\\d",
      "<account>", "\\d{12}",
      "date", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z?");
  /** Placeholders the recorder gives every value of a kind, however many differ in one test. */
  private static final java.util.Set<String> FREE = java.util.Set.of("date", "<datetime>", "<duration>", "<memory>", "<table-status>", "<index-status>",
      "<code-size>", "<location>", "<layer-location>", "<request-id>", "<uuid>", "<code-sha-256>", "<md5-body>",
      "<md5-of-body>", "<test-msg-id>", "<sender-id>", "<approximate-creation-datetime>");
  private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}.*");

  private final Map<String, String> bound = new HashMap<>();
  /** The groups of the pattern compiled last: placeholder to group number. */
  private final Map<String, Integer> groups = new HashMap<>();
  private final List<String> differences = new ArrayList<>();

  /** Every difference between the recorded answer and ours, each with its JSON path. */
  static List<String> differences(JsonNode recorded, JsonNode ours) {
    RecordedMatcher m = new RecordedMatcher();
    m.bind(recorded, ours);
    m.match(recorded, ours, "$", "");
    return m.differences;
  }

  /** First pass: placeholders that stand alone (a RoleName) give their values to the composite ones (an Arn). */
  private void bind(JsonNode recorded, JsonNode ours) {
    if (recorded == null || ours == null) {
      return;
    }
    if (recorded.isObject() && ours.isObject()) {
      recorded.fields().forEachRemaining(e -> bind(e.getValue(), ours.get(oursName(e.getKey(), recorded, ours))));
    } else if (recorded.isArray() && ours.isArray() && recorded.size() == ours.size()) {
      for (int i = 0; i < recorded.size(); i++) {
        bind(recorded.get(i), ours.get(i));
      }
    } else if (recorded.isTextual() && ours.isValueNode()) {
      String r = recorded.asText();
      if (PLACEHOLDER.matcher(r).matches() && !SPECIAL.containsKey(r) && !FREE.contains(r)) {
        bound.putIfAbsent(r, ours.asText());
      }
    }
  }

  /**
   * The name of our member that a recorded member's name stands for: the name itself, or for a
   * placeholder its bound value, or else the one member of ours that no recorded name names.
   */
  private String oursName(String name, JsonNode recorded, JsonNode ours) {
    if (!PLACEHOLDER.matcher(name).matches() || ours.has(name)) {
      return name;
    }
    if (bound.containsKey(name)) {
      return bound.get(name);
    }
    List<String> unnamed = new ArrayList<>();
    ours.fieldNames().forEachRemaining(n -> {
      if (!recorded.has(n)) {
        unnamed.add(n);
      }
    });
    long placeholders = 0;
    for (Iterator<String> it = recorded.fieldNames(); it.hasNext(); ) {
      if (PLACEHOLDER.matcher(it.next()).matches()) {
        placeholders++;
      }
    }
    if (unnamed.size() == 1 && placeholders == 1) {
      bound.put(name, unnamed.get(0));
      return unnamed.get(0);
    }
    return name;
  }

  private void match(JsonNode recorded, JsonNode ours, String path, String key) {
    if (key.equals("ResponseMetadata") && recorded.has("HTTPStatusCode")) {
      // A few recordings kept every header of the answer; the status is what they have in common.
      match(recorded.get("HTTPStatusCode"), ours.path("HTTPStatusCode"), path + ".HTTPStatusCode", "HTTPStatusCode");
      return;
    }
    if (recorded.isObject()) {
      if (!ours.isObject()) {
        differ(path, "AWS answered an object, we answered " + ours);
        return;
      }
      Map<String, String> recordedName = new HashMap<>();
      recorded.fieldNames().forEachRemaining(n -> recordedName.put(oursName(n, recorded, ours), n));
      TreeSet<String> names = new TreeSet<>(recordedName.keySet());
      ours.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode r = recordedName.containsKey(name) ? recorded.get(recordedName.get(name)) : null;
        JsonNode o = ours.get(name);
        if (o == null) {
          differ(path + "." + name, "AWS answers this member, we do not");
        } else if (r == null) {
          differ(path + "." + name, "we answer this member (" + o + "), AWS does not");
        } else {
          match(r, o, path + "." + name, name);
        }
      }
    } else if (recorded.isArray()) {
      if (!ours.isArray() || ours.size() != recorded.size()) {
        differ(path, "AWS answered " + recorded.size() + " elements, we answered " + ours);
        return;
      }
      Iterator<JsonNode> r = recorded.elements();
      for (int i = 0; r.hasNext(); i++) {
        match(r.next(), ours.get(i), path + "[" + i + "]", key);
      }
    } else if (recorded.isTextual()) {
      matchText(recorded.asText(), ours, path, key);
    } else if (recorded.isNumber()) {
      if (!ours.isNumber() || recorded.decimalValue().compareTo(ours.decimalValue()) != 0) {
        differ(path, "AWS answered " + recorded + ", we answered " + ours);
      }
    } else if (!recorded.equals(ours)) {
      differ(path, "AWS answered " + recorded + ", we answered " + ours);
    }
  }

  private void matchText(String recorded, JsonNode ours, String path, String key) {
    if (!key.isEmpty() && recorded.equals(kebab(key)) && ours.isValueNode()) {
      return;
    }
    if (recorded.equals("timestamp")) {
      // SQS's message attributes carry epoch milliseconds as strings (SentTimestamp).
      if (!ours.isIntegralNumber() && !(ours.isTextual() && ours.asText().matches("\\d{13}"))) {
        differ(path, "AWS answered epoch milliseconds, we answered " + ours);
      }
      return;
    }
    if (recorded.equals("date") || recorded.equals("datetime")) {
      if (!(ours.isTextual() && DATE_TIME.matcher(ours.asText()).matches()) && !ours.isNumber()) {
        differ(path, "AWS answered a date and time, we answered " + ours);
      }
      return;
    }
    boolean alone = PLACEHOLDER.matcher(recorded).matches();
    if (!ours.isTextual() && !(alone && ours.isValueNode() && !ours.isNull())) {
      differ(path, "AWS answered a string (" + recorded + "), we answered " + ours);
      return;
    }
    String value = ours.asText();
    if (recorded.equals("<datetime>")) {
      try {
        OffsetDateTime.parse(value);
      } catch (DateTimeParseException e) {
        differ(path, "AWS answered a date and time, we answered " + value);
      }
      return;
    }
    Pattern pattern = compile(recorded.replace(ACCOUNT, "<account>"));
    Matcher m = pattern.matcher(value);
    if (!m.matches()) {
      differ(path, "AWS answered " + recorded + ", we answered " + value);
      return;
    }
    for (Map.Entry<String, Integer> group : groups.entrySet()) {
      bound.putIfAbsent(group.getKey(), m.group(group.getValue()));
    }
  }

  /** The recorded string as a pattern: literal text, bound placeholders as their values, the rest as groups. */
  private Pattern compile(String recorded) {
    groups.clear();
    StringBuilder regex = new StringBuilder();
    Matcher m = TOKEN.matcher(recorded);
    int last = 0;
    int group = 0;
    while (m.find()) {
      regex.append(Pattern.quote(recorded.substring(last, m.start())));
      String name = m.group();
      if (name.startsWith(TIMESTAMP)) {
        regex.append(timeForm(name.substring(TIMESTAMP.length(), name.length() - 1)));
      } else if (bound.containsKey(name)) {
        regex.append(Pattern.quote(bound.get(name)));
      } else if (FREE.contains(name)) {
        regex.append("(?:").append(SPECIAL.getOrDefault(name, ".+?")).append(')');
      } else if (groups.containsKey(name)) {
        regex.append("\\").append(groups.get(name));
      } else {
        groups.put(name, ++group);
        regex.append('(').append(SPECIAL.getOrDefault(name, ".+?")).append(')');
      }
      last = m.end();
    }
    regex.append(Pattern.quote(recorded.substring(last)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** A pattern of times written as the example is: each digit any digit, the rest as it stands. */
  private static String timeForm(String example) {
    StringBuilder form = new StringBuilder();
    for (char c : example.toCharArray()) {
      form.append(Character.isDigit(c) ? "\\d" : Pattern.quote(String.valueOf(c)));
    }
    return form.toString();
  }

  private static String kebab(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private void differ(String path, String what) {
    differences.add(path + ": " + what);
  }
}
