package dev.streambed.tests.recorded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import cloud.localstack.awssdkv1.sample.SerializedInputLambdaHandler;
import dev.streambed.lambda.LambdaConfig;
import dev.streambed.server.Config;
import dev.streambed.tests.JavaZip;
import dev.streambed.tests.Streambed;
import example.EmptyObjectStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our answers compared with AWS's recorded ones (test resources {@code recorded/*.snapshot.json}):
 * boto3 makes each recorded test's calls against Streambed (the {@code recorded/replay_*.py} scripts,
 * all at once against one server) and every answer must have AWS's members, types, values, error
 * codes and messages. A recorded test we do not replay must say why.
 */
class RecordedShapesTest {
  /** Each replay script and the recordings whose calls it makes. */
  static final Map<String, List<String>> SCRIPTS = Map.of(
      "replay_iam_logs.py", List.of("test_iam.snapshot.json", "test_logs_events.snapshot.json",
          "test_logs_filter_events.snapshot.json", "test_logs_groups.snapshot.json",
          "test_logs_streams.snapshot.json"),
      "replay_dynamodb.py", List.of("test_dynamodb.snapshot.json", "test_dynamodb_streams.snapshot.json"),
      "replay_lambda_api.py", List.of("test_lambda_api.snapshot.json"),
      "replay_lambda.py", List.of("test_lambda.snapshot.json", "test_lambda_runtimes.snapshot.json",
          "test_lambda_destinations.snapshot.json"),
      "replay_esm.py", List.of("test_lambda_integration_dynamodbstreams.snapshot.json"));
  static final List<String> RECORDINGS = SCRIPTS.values().stream().flatMap(List::stream).sorted().toList();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RECORDED_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy, HH:mm:ss");
  private static Streambed streambed;
  private static JsonNode replayed;
  private static Path javaFunctions;

  @BeforeAll
  static void replay() throws Exception {
    // Asynchronous invocations are retried after a second, not AWS's minute, so that the
    // recordings of retries replay in seconds.
    streambed = Streambed.start(Config.defaults().withLambda(LambdaConfig.DEFAULTS.withRetryDelay(Duration.ofSeconds(1))),
        Clock.systemUTC());
    // The Java functions' packages, built from this build's classes for the scripts to deploy.
    javaFunctions = Files.createTempDirectory("replay-java");
    Files.write(javaFunctions.resolve("streams.zip"), JavaZip.of(new Class<?>[] {EmptyObjectStream.class}));
    Files.write(javaFunctions.resolve("serialized.zip"),
        JavaZip.of(new Class<?>[] {SerializedInputLambdaHandler.class}));
    Map<String, CompletableFuture<JsonNode>> runs = new TreeMap<>();
    for (String script : SCRIPTS.keySet()) {
      runs.put(script, CompletableFuture.supplyAsync(() -> run(script)));
    }
    ObjectNode all = JSON.createObjectNode();
    for (Map.Entry<String, CompletableFuture<JsonNode>> run : runs.entrySet()) {
      JsonNode answers = run.getValue().get();
      assertThat(SCRIPTS.get(run.getKey())).as("recordings " + run.getKey() + " replays")
          .containsAll(() -> answers.fieldNames());
      all.setAll((ObjectNode) answers);
    }
    replayed = all;
  }

  /** One script's answers: it runs beside the others, against the one server. */
  private static JsonNode run(String script) {
    try {
      Path path = Path.of(RecordedShapesTest.class.getResource("/recorded/" + script).toURI());
      ProcessBuilder pb = new ProcessBuilder("python3", path.toString(), streambed.endpoint().toString())
          .directory(path.getParent().toFile());
      pb.environment().put("REPLAY_JAVA_FUNCTIONS", javaFunctions.toString());
      Process p = pb.start();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(script + " finished").isTrue();
      assertThat(p.exitValue()).as(script + ": " + new String(err.get(), StandardCharsets.UTF_8)).isZero();
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() throws IOException {
    streambed.close();
    try (Stream<Path> files = Files.walk(javaFunctions)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  static Stream<Arguments> replayedTests() throws IOException, URISyntaxException {
    List<Arguments> tests = new ArrayList<>();
    for (String file : RECORDINGS) {
      tests(file).forEach((test, entry) -> {
        if (Explained.reasonNotReplayed(test, entry) == null) {
          tests.add(Arguments.of(file, test));
        }
      });
    }
    return tests.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("replayedTests")
  void ourAnswersHaveTheRecordedShape(String file, String test) throws Exception {
    JsonNode entry = tests(file).get(test);
    JsonNode recorded = entry.get("recorded-content");
    JsonNode ours = replayed.path(file).get(test);
    assertThat(ours).as("a replay script makes the calls of " + test).isNotNull();
    List<Pattern> explained = new ArrayList<>(Explained.AWS_VARIES.getOrDefault(test, List.of()));
    explained.addAll(Explained.BY_DESIGN);
    explained.addAll(Explained.BY_DESIGN_IN.getOrDefault(test, List.of()));
    explained.addAll(Explained.MASKED.getOrDefault(test, List.of()));
    explained.addAll(Explained.olderAws(LocalDate.parse(entry.get("recorded-date").asText(), RECORDED_DATE)));
    List<String> differences = new ArrayList<>(RecordedMatcher.differences(recorded, ours));
    differences.removeIf(d -> explained.stream().anyMatch(v -> v.matcher(d).matches()));
    assertThat(differences).as("differences from AWS's answers in " + file + " " + test).isEmpty();
  }

  /** A new recording is either replayed or said to be of something not served. */
  @Test
  void everyRecordedTestIsReplayedOrExplained() throws Exception {
    for (String file : RECORDINGS) {
      List<String> replayedHere = new ArrayList<>();
      replayed.path(file).fieldNames().forEachRemaining(replayedHere::add);
      tests(file).forEach((test, entry) -> {
        String reason = Explained.reasonNotReplayed(test, entry);
        assertThat(replayedHere.contains(test) ^ reason != null)
            .as(file + " " + test + " is either replayed or explained (" + reason + ")").isTrue();
        replayedHere.remove(test);
      });
      assertThat(replayedHere).as("replayed tests without a recording in " + file).isEmpty();
    }
  }

  /** The comparison itself refuses what differs, so a passing comparison means something. */
  @Test
  void theComparisonSeesDifferences() throws Exception {
    JsonNode recorded = JSON.readTree("{\"Role\":{\"RoleName\":\"<role-name:1>\",\"Arn\":"
        + "\"arn:<partition>:iam::111111111111:role/<role-name:1>\",\"MaxSessionDuration\":3600,"
        + "\"CreateDate\":\"<datetime>\"}}");
    assertThat(RecordedMatcher.differences(recorded, JSON.readTree("{\"Role\":{\"RoleName\":\"r1\","
        + "\"Arn\":\"arn:aws:iam::000000000000:role/r1\",\"MaxSessionDuration\":3600,"
        + "\"CreateDate\":\"2026-01-01T00:00:00+00:00\"}}"))).isEmpty();
    assertThat(RecordedMatcher.differences(recorded, JSON.readTree("{\"Role\":{\"RoleName\":\"r1\","
        + "\"Arn\":\"arn:aws:iam::000000000000:role/r2\",\"MaxSessionDuration\":\"3600\","
        + "\"CreateDate\":\"yesterday\",\"Tags\":[]}}"))).containsExactlyInAnyOrder(
        "$.Role.Arn: AWS answered arn:<partition>:iam::111111111111:role/<role-name:1>, we answered "
            + "arn:aws:iam::000000000000:role/r2",
        "$.Role.MaxSessionDuration: AWS answered 3600, we answered \"3600\"",
        "$.Role.CreateDate: AWS answered a date and time, we answered yesterday",
        "$.Role.Tags: we answer this member ([]), AWS does not");
  }

  /**
   * Placeholders for sizes and durations match any value each time, stand for numbers and for
   * member names; "date" stands for a date and time only, a timestamp's example for its form only.
   */
  @Test
  void placeholdersStandForValuesNumbersAndNames() throws Exception {
    JsonNode recorded = JSON.readTree("{\"CodeSize\":\"<code-size>\",\"Other\":\"<code-size>\","
        + "\"LastModified\":\"date\",\"Log\":\"Duration: <duration> ms\\tBilled Duration: <duration> ms\","
        + "\"Responses\":{\"<test-table>\":[]},\"TableName\":\"<test-table>\","
        + "\"First\":\"<timestamp:2022-07-13T13:48:01Z>\",\"Last\":\"<timestamp:2022-07-13T13:48:01Z>\","
        + "\"Sent\":\"<timestamp:2022-07-13T13:48:01.000Z>\"}");
    assertThat(RecordedMatcher.differences(recorded, JSON.readTree("{\"CodeSize\":301,\"Other\":12,"
        + "\"LastModified\":\"2026-01-01T00:00:00.000+0000\",\"Log\":\"Duration: 1.25 ms\\tBilled Duration: 2 ms\","
        + "\"Responses\":{\"t1\":[]},\"TableName\":\"t1\",\"First\":\"2026-01-01T00:00:00Z\","
        + "\"Last\":\"2026-01-01T00:00:09Z\",\"Sent\":\"2026-01-01T00:00:10.123Z\"}"))).isEmpty();
    assertThat(RecordedMatcher.differences(recorded, JSON.readTree("{\"CodeSize\":null,\"Other\":12,"
        + "\"LastModified\":\"yesterday\",\"Log\":\"Duration: 1.25 ms\","
        + "\"Responses\":{\"t1\":[]},\"TableName\":\"t2\",\"First\":\"2026-01-01T00:00:00.123Z\","
        + "\"Last\":\"2026-01-01T00:00:09Z\",\"Sent\":\"2026-01-01T00:00:10Z\"}"))).containsExactlyInAnyOrder(
        "$.CodeSize: AWS answered a string (<code-size>), we answered null",
        "$.LastModified: AWS answered a date and time, we answered \"yesterday\"",
        "$.Log: AWS answered Duration: <duration> ms\tBilled Duration: <duration> ms, we answered Duration: 1.25 ms",
        "$.TableName: AWS answered <test-table>, we answered t2",
        "$.First: AWS answered <timestamp:2022-07-13T13:48:01Z>, we answered 2026-01-01T00:00:00.123Z",
        "$.Sent: AWS answered <timestamp:2022-07-13T13:48:01.000Z>, we answered 2026-01-01T00:00:10Z");
  }

  /**
   * A recording's tests by name (without the test file's path). A test recorded twice, under an
   * old and a new path of its file, is compared with its later recording.
   */
  private static Map<String, JsonNode> tests(String file) {
    Map<String, JsonNode> tests = new java.util.LinkedHashMap<>();
    recording(file).fields().forEachRemaining(e -> {
      String test = e.getKey().substring(e.getKey().indexOf("::") + 2);
      tests.merge(test, e.getValue(), (a, b) -> recordedAt(a).isAfter(recordedAt(b)) ? a : b);
    });
    return tests;
  }

  private static java.time.LocalDateTime recordedAt(JsonNode entry) {
    return java.time.LocalDateTime.parse(entry.get("recorded-date").asText(), RECORDED_DATE);
  }

  private static final Map<String, JsonNode> RECORDED = new java.util.concurrent.ConcurrentHashMap<>();

  private static JsonNode recording(String file) {
    return RECORDED.computeIfAbsent(file, f -> {
      try (InputStream in = RecordedShapesTest.class.getResourceAsStream("/recorded/" + f)) {
        return JSON.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
