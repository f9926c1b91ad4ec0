package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * What `aws logs tail --follow` relies on, followed with boto3 as the AWS CLI v2 follows
 * (test resource logs/tail_follow.py; the CLI v1 installed here has no `logs tail`):
 * FilterLogEvents from a start time that includes its own millisecond, nextToken until the last
 * page, events of several streams in time order, and eventIds that stay the same from poll to
 * poll, so a follower resuming from the newest millisecond shows each event exactly once.
 */
class LogsTailFollowTest {
  private static Streambed streambed;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
    try (CloudWatchLogsClient logs = streambed.logs()) {
      logs.createLogGroup(b -> b.logGroupName("/aws/lambda/followed"));
      for (String s : List.of("a", "b")) {
        logs.createLogStream(b -> b.logGroupName("/aws/lambda/followed").logStreamName(s));
      }
    }
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  @Test
  void aFollowerShowsEveryEventOnceInTimeOrder() throws Exception {
    Path script = Path.of(LogsTailFollowTest.class.getResource("/logs/tail_follow.py").toURI());
    Process p = new ProcessBuilder("python3", script.toString(), streambed.endpoint().toString(),
        "/aws/lambda/followed").start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(err.get(), StandardCharsets.UTF_8)).isZero();
    JsonNode result = new ObjectMapper().readTree(out);
    List<String> shown = new ArrayList<>();
    result.get("shown").forEach(m -> shown.add(m.asText()));
    assertThat(shown).containsExactly("a1", "b1", "a2", "b2, in the millisecond of a2", "b3",
        "a3, in the millisecond of b3", "b4");
    // Pages of two: the follower went through nextToken in the first rounds, then one empty poll.
    assertThat(result.get("polls").asInt()).isGreaterThan(4);
  }
}
