package dev.streambed.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineSplitterTest {
  @Test
  void splitsOnWhitespace() {
    assertThat(CommandLineSplitter.split(" java -jar  server/streambed.jar start\t--port {port} "))
        .containsExactly("java", "-jar", "server/streambed.jar", "start", "--port", "{port}");
  }

  @Test
  void keepsQuotedWordsWhole() {
    assertThat(CommandLineSplitter.split("java -cp '/opt/dd b/lib/*' \"-Dx=a b\" it\\'s"))
        .containsExactly("java", "-cp", "/opt/dd b/lib/*", "-Dx=a b", "it's");
  }

  @Test
  void handlesAnEscapedQuoteInsideSingleQuotes() {
    assertThat(CommandLineSplitter.split("'a'\\''b' ''")).containsExactly("a'b", "");
  }

  @Test
  void rejectsAnUnclosedQuote() {
    assertThatThrownBy(() -> CommandLineSplitter.split("java 'oops"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDynamoDbLocalCommandSplitsBackIntoItsArguments(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("lib"));
    Files.createDirectories(dir.resolve("native"));

    assertThat(CommandLineSplitter.split(DynamoDbLocalCommand.commandLine(dir)))
        .contains("-cp", dir.resolve("lib") + "/*", DynamoDbLocalCommand.MAIN_CLASS, "-inMemory")
        .contains("-Dsqlite4java.library.path=" + dir.resolve("native"))
        .endsWith("-port", "{port}");
  }
}
