package dev.streambed.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

/**
 * The README's shell and Python examples, run as written (only the port is changed to the test
 * server's), in the order a newcomer would paste them.
 */
class ReadmeTest {
  private static Streambed streambed;

  @BeforeAll
  static void start() {
    streambed = Streambed.start();
  }

  @AfterAll
  static void stop() {
    streambed.close();
  }

  private static List<String> blocks(String language) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1).replace("127.0.0.1:4566", "127.0.0.1:" + streambed.port()));
    }
    return out;
  }

  private static String run(List<String> command, String script) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("AWS_PAGER", "");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = pb.start();
    p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void cliThenBoto3ExamplesWorkAsWritten() throws Exception {
    String cli = blocks("sh").stream().filter(b -> b.contains("aws dynamodb")).findFirst().orElseThrow();
    String cliOutput = run(List.of("bash", "-e", "-s"), cli);
    assertThat(cliOutput).contains("\"Hello, edited\"").contains("NEW_AND_OLD_IMAGES")
        .contains("\"eventName\": \"INSERT\"").contains("\"eventName\": \"MODIFY\"")
        .contains("\"MD5OfMessageBody\": \"8b1a9953c4611296a827abf8c47804d7\"");

    String python = blocks("python").get(0);
    String pyOutput = run(List.of("python3", "-"), python);
    assertThat(pyOutput).contains("'post_content': {'S': 'Hi'}");
  }

  @Test
  void theJavaExampleIsTheExampleProjectThatCiBuilds() throws IOException {
    // The README shows the handler and its test as they are in examples/, which CI builds and runs.
    Path example = Path.of("..", "examples", "dynamodb-stream-handler", "src");
    List<String> java = blocks("java");
    assertThat(java).contains(
        Files.readString(example.resolve("main/java/example/OrderHandler.java")),
        Files.readString(example.resolve("test/java/example/OrderHandlerTest.java")));
  }
}
