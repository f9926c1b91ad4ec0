package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/tutorial.md, every shell block run as written, in order, in one shell: only the port is
 * changed to the test server's, and {@code ./streambed} runs this build's command line.
 */
class TutorialDocTest {
  private static Streambed streambed;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  @Test
  void theTutorialRunsAsWritten(@TempDir Path dir) throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "tutorial.md"));
    Matcher m = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    StringBuilder script = new StringBuilder();
    while (m.find()) {
      script.append(m.group(1)).append('\n');
    }
    String text = script.toString().replace("127.0.0.1:4566", "127.0.0.1:" + streambed.port())
        .replace("./streambed ", StreambedCommand.shellPrefix() + " ");

    ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-e", "-s")).directory(dir.toFile())
        .redirectErrorStream(true);
    pb.environment().remove("AWS_PROFILE");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = pb.start();
    p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    assertThat(out).contains("\"CREATING\"").contains("NEW_AND_OLD_IMAGES")
        .contains("dynamodb-process-stream-python3").contains("\"Pending\"");
    assertThat(out).contains("InvalidParameterValueException").contains("Cannot access stream arn:aws:dynamodb:")
        .contains("refused, as on AWS");
    assertThat(out).contains("\"AWSLambdaBasicExecutionRole\"").contains("\"AWSLambdaDynamoDBExecutionRole\"")
        .contains("\"AmazonDynamoDBReadOnlyAccess\"");
    assertThat(out).contains("\"BatchSize\": 100").contains("\"StartingPosition\": \"LATEST\"");
    assertThat(out).containsPattern("(?m)^MODIFY\n\tINSERT\n\tREMOVE$");
    List<String> lines = new ArrayList<>(out.lines().toList());
    assertThat(lines).anyMatch(l -> l.contains("START RequestId: ")).anyMatch(l -> l.contains("REPORT RequestId: "));
    assertThat(out).contains("\"OldImage\"").contains("\"NewImage\"");
    assertThat(out).contains("\"Disabling\"").contains("\"Disabled\"").contains("\"Deleting\"");
  }
}
